package io.chariot.api;

import io.chariot.api.account.AccountEvents;
import io.chariot.api.asset.AssetEvents;
import io.chariot.api.asset.WebpageEvents;
import io.chariot.api.file.FileEvents;
import io.chariot.api.job.JobEvents;
import io.chariot.api.risk.RiskEvents;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The registry of every event of the published language. An event is a record in a context package
 * ({@code io.chariot.api.<context>}) annotated with {@link Revision}; adding one means listing it here and committing
 * its JSON Schema snapshot ({@code schemas/<context>/<EventSimpleName>/<revision>.json}, see event-schemas/README.md).
 * The compatibility gate ({@code SchemaCompatibilityTest}) checks every class listed here, and fails when an event
 * class exists that is not listed.
 */
public final class PublishedEvents {

    private static final String ROOT_PACKAGE = "io.chariot.api.";

    private static final List<Class<? extends Record>> ALL = List.of(
            // asset
            AssetEvents.AssetDiscovered.class,
            AssetEvents.AssetVisited.class,
            AssetEvents.AssetStatusChanged.class,
            AssetEvents.AssetCommentAdded.class,
            AssetEvents.AssetSourcePromoted.class,
            AssetEvents.AssetAttackSurfaceChanged.class,
            AssetEvents.AssetGroupChanged.class,
            AssetEvents.AssetChildDiscovered.class,
            AssetEvents.AssetTagsSet.class,
            AssetEvents.AttributeAdded.class,
            AssetEvents.AttributeMetadataSet.class,
            AssetEvents.AttributeRemoved.class,
            AssetEvents.PortAdded.class,
            AssetEvents.PortRemoved.class,
            AssetEvents.PreseedAdded.class,
            AssetEvents.PreseedStatusChanged.class,
            AssetEvents.PreseedRemoved.class,
            AssetEvents.AssetPurged.class,
            WebpageEvents.WebpageAdded.class,
            WebpageEvents.WebpageVisited.class,
            WebpageEvents.WebpageParentLinked.class,
            WebpageEvents.WebpageSourceLinked.class,
            WebpageEvents.WebpageSourceUnlinked.class,
            WebpageEvents.WebpageRemoved.class,
            // account
            AccountEvents.ApiKeyIssued.class,
            AccountEvents.ApiKeyRevoked.class,
            AccountEvents.AccountLinked.class,
            AccountEvents.AccountRoleChanged.class,
            AccountEvents.AccountUnlinked.class,
            AccountEvents.SettingStored.class,
            AccountEvents.SettingRemoved.class,
            AccountEvents.IntegrationLinked.class,
            AccountEvents.IntegrationUnlinked.class,
            AccountEvents.IntegrationVerified.class,
            AccountEvents.IntegrationActivated.class,
            AccountEvents.IntegrationFailed.class,
            AccountEvents.TenantPurgeStarted.class,
            AccountEvents.TenantPurged.class,
            // file
            FileEvents.FileUploaded.class,
            FileEvents.FileDeleted.class,
            // risk
            RiskEvents.RiskOpened.class,
            RiskEvents.RiskTargetAdded.class,
            RiskEvents.RiskVisited.class,
            RiskEvents.RiskStatusChanged.class,
            RiskEvents.RiskCommentAdded.class,
            RiskEvents.RiskHistoryRecordRemoved.class,
            RiskEvents.RiskTitleChanged.class,
            RiskEvents.RiskTagsSet.class,
            RiskEvents.RiskTicketsSet.class,
            RiskEvents.RiskAttributeAdded.class,
            RiskEvents.RiskAttributeRemoved.class,
            RiskEvents.RiskPurged.class,
            // job
            JobEvents.JobQueued.class,
            JobEvents.JobStarted.class,
            JobEvents.JobFinished.class,
            JobEvents.JobPurged.class
    );

    private PublishedEvents() {
    }

    public static List<Class<? extends Record>> all() {
        return ALL;
    }

    /** The current revision of an event class, from its {@link Revision} annotation. */
    public static String revisionOf(Class<?> eventType) {
        Revision revision = eventType.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalArgumentException(eventType.getName() + " has no @Revision");
        }
        return revision.value();
    }

    /** The bounded context of an event: the package segment under {@code io.chariot.api}. */
    public static String contextOf(Class<?> eventType) {
        String pkg = eventType.getPackageName();
        if (!pkg.startsWith(ROOT_PACKAGE)) {
            throw new IllegalArgumentException(eventType.getName() + " is not in a package under " + ROOT_PACKAGE);
        }
        String context = pkg.substring(ROOT_PACKAGE.length());
        int dot = context.indexOf('.');
        return dot < 0 ? context : context.substring(0, dot);
    }

    /** Where the JSON Schema snapshot of one revision lives, relative to the resources root. */
    public static String schemaPath(Class<?> eventType, String revision) {
        return "schemas/" + contextOf(eventType) + "/" + eventType.getSimpleName() + "/" + revision + ".json";
    }
}
