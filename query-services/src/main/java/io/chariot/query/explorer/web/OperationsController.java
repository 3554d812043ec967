package io.chariot.query.explorer.web;

import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.websupport.web.NotFoundException;
import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.rebuild.ProjectionRebuilds;
import io.chariot.query.explorer.access.ExplorerAccess;
import io.chariot.query.explorer.access.ExplorerParams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import java.util.List;
import java.util.Optional;

/**
 * The operations pages, for platform operators: the projections (state, lag, generation, rebuild progress, parked
 * events) and each projection's parked events with their retry and discard actions — the same as
 * {@code ./chariot projections list} and {@code ./chariot projections dlq}. The actions are POST forms, so they
 * need the page's CSRF token.
 */
@Controller
@ExplorerPage
public class OperationsController {

    private final ExplorerAccess access;
    private final ObjectProvider<ProjectionRebuilds> projections;
    private final ObjectProvider<ParkedEvents> parked;
    private final ObjectProvider<ReadModels> models;

    public OperationsController(ExplorerAccess access, ObjectProvider<ProjectionRebuilds> projections,
                                ObjectProvider<ParkedEvents> parked, ObjectProvider<ReadModels> models) {
        this.access = access;
        this.projections = projections;
        this.parked = parked;
        this.models = models;
    }

    @GetMapping("/explorer/operations")
    public String operations(Caller caller, Model model) {
        requireOperator(caller);
        ProjectionRebuilds rebuilds = projections.getIfAvailable();
        model.addAttribute("projections", rebuilds == null ? List.of() : rebuilds.list());
        return "explorer/operations";
    }

    @GetMapping("/explorer/operations/{name}/parked")
    public String parked(Caller caller, @PathVariable String name, Model model) {
        requireOperator(caller);
        String group = group(name);
        model.addAttribute("name", name);
        model.addAttribute("count", events().count(group));
        model.addAttribute("events", events().list(group, 200));
        return "explorer/parked";
    }

    @PostMapping("/explorer/operations/{name}/parked/retry")
    public RedirectView retry(Caller caller, @PathVariable String name,
                              @RequestParam(required = false) String sequence) {
        requireOperator(caller);
        events().retry(group(name), ExplorerParams.text("sequence", sequence));
        return LoginController.seeOther(new Links().parked(name));
    }

    @PostMapping("/explorer/operations/{name}/parked/discard")
    public RedirectView discard(Caller caller, @PathVariable String name, @RequestParam String sequence) {
        requireOperator(caller);
        String aggregate = ExplorerParams.text("sequence", sequence);
        if (aggregate == null) {
            throw new BadRequestException("sequence (the aggregate identifier) is required");
        }
        events().discard(group(name), aggregate);
        return LoginController.seeOther(new Links().parked(name));
    }

    private void requireOperator(Caller caller) {
        if (!access.isOperator(caller)) {
            throw new ForbiddenException("the operations pages are for platform operators");
        }
    }

    private ParkedEvents events() {
        ParkedEvents events = parked.getIfAvailable();
        if (events == null) {
            throw new NotFoundException("this deployment parks no events");
        }
        return events;
    }

    /** The projection's processing group; 404 for a name that is no projection. */
    private String group(String name) {
        ReadModels known = models.getIfAvailable();
        return (known == null ? Optional.<ReadModel>empty() : known.named(name))
                .map(ReadModel::processingGroup)
                .orElseThrow(() -> new NotFoundException("no projection named " + name));
    }
}
