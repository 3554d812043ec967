package io.chariot.infra.local.junit;

import io.chariot.infra.local.LocalStack;
import io.chariot.infra.local.StackEndpoints;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts {@link LocalStack#shared() the JVM's one local stack} lazily (before the first test class that uses the
 * extension, or when a {@link StackEndpoints} parameter is first resolved) and registers it in the root
 * {@link ExtensionContext.Store} so that it stops when the whole test run ends. Use {@link WithLocalStack}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == StackEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext).endpoints();
    }

    /** The running stack, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StackResource.class, key -> new StackResource(LocalStack.shared()), StackResource.class)
                .stack();
    }

    /** For code that has no ExtensionContext: the same stack (started on first use, stopped at JVM exit). */
    public static StackEndpoints endpoints() {
        return LocalStack.shared().endpoints();
    }

    private record StackResource(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            LocalStack.closeShared();
        }
    }
}
