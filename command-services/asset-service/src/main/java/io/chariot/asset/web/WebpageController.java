package io.chariot.asset.web;

import io.chariot.api.asset.WebpageCommands;
import io.chariot.api.asset.WebpageCommands.WebpageState;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


/**
 * Webpages ({@code #webpage#{url}}) as praetorian-cli's {@code sdk.webpage} drives them: add (optionally under a web
 * application), delete, and link or unlink files and repositories as their source code.
 */
@RestController
public class WebpageController {

    private final CommandGateway commands;
    private final ObjectProvider<WebpageSources> sources;

    public WebpageController(CommandGateway commands, ObjectProvider<WebpageSources> sources) {
        this.commands = commands;
        this.sources = sources;
    }

    @Operation(summary = "Add a webpage {webpage:{url, status}, parent_key?}; adding it again refreshes it")
    @PostMapping("/webpage")
    public WebpageView.Webpages add(Caller caller, @RequestBody WebpageRequest body) {
        caller.requireWrite();
        if (body.webpage() == null) {
            throw new BadRequestException("webpage is required: {\"webpage\":{\"url\":…}}");
        }
        WebpageState state = commands.sendAndWait(WebpageCommands.AddWebpage.of(caller.tenant(),
                body.webpage().url(), blankToNull(body.webpage().status()), blankToNull(body.parentKey()),
                caller.user()));
        return WebpageView.list(caller.tenant(), state);
    }

    @Operation(summary = "Delete a webpage {webpage:{key}} for good")
    @DeleteMapping("/webpage")
    public WebpageView.Webpages delete(Caller caller, @RequestBody WebpageRequest body) {
        caller.requireWrite();
        if (body.webpage() == null || body.webpage().key() == null) {
            throw new BadRequestException("webpage.key is required: {\"webpage\":{\"key\":\"#webpage#…\"}}");
        }
        WebpageState state = commands.sendAndWait(WebpageCommands.RemoveWebpage.of(caller.tenant(),
                body.webpage().key(), caller.user()));
        return WebpageView.list(caller.tenant(), state);
    }

    @Operation(summary = "Link a file or repository to a webpage as its source code {webpageKey, entityKey}")
    @PutMapping("/webpage/link")
    public WebpageView link(Caller caller, @RequestBody WebpageLinkRequest body) {
        caller.requireWrite();
        var command = WebpageCommands.LinkWebpageSource.of(caller.tenant(), body.webpageKey(), body.entityKey(),
                caller.user());
        WebpageSources directory = sources.getIfAvailable();
        if (directory == null) {
            throw new BadRequestException("this deployment cannot check webpage sources");
        }
        if (!directory.exists(caller.tenant(), command.entityKey())) {
            throw new NotFoundException(command.entityKey() + " not found");
        }
        return WebpageView.of(caller.tenant(), commands.sendAndWait(command));
    }

    @Operation(summary = "Unlink a webpage's source {webpageKey, entityKey}; one that is not linked changes nothing")
    @DeleteMapping("/webpage/link")
    public WebpageView unlink(Caller caller, @RequestBody WebpageLinkRequest body) {
        caller.requireWrite();
        return WebpageView.of(caller.tenant(), commands.sendAndWait(WebpageCommands.UnlinkWebpageSource.of(caller.tenant(),
                body.webpageKey(), body.entityKey(), caller.user())));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
