package io.chariot.runtime.operations.sagas;

import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.query.explorer.access.ExplorerAccess;
import io.chariot.query.explorer.web.ExplorerPage;
import io.chariot.query.explorer.web.Links;
import io.chariot.query.explorer.web.LoginController;
import io.chariot.sagas.job.JobResultIngestion;
import io.chariot.sagas.onboarding.IntegrationOnboarding;
import io.chariot.sagas.remediation.RemediationCheck;
import io.chariot.sagas.runtime.SagaState;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The explorer's saga pages, for platform operators: the instances (filtered by URL, so a view can be shared), one
 * instance with its parked events, and every parked saga failure, with retry, discard and compensate as POST forms
 * that need the page's CSRF token. They live here, not in the query API, because the query API may not know the
 * sagas module (ModuleBoundariesTest); they are explorer pages all the same ({@link ExplorerPage}: its security
 * chain, layout and error pages), and do what the admin API does through the same {@link SagaOperations}.
 */
@SagasHere
@Controller
@ExplorerPage
@ConditionalOnClass(name = "io.chariot.query.explorer.web.ExplorerPage") // where the explorer is
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false") // as the explorer itself
class SagaPages {

    static final String PATH = "/explorer/operations/sagas";
    private static final String DEFAULT_LIMIT = "100";
    /** The workflows' types, offered in the filter (any other is still accepted). */
    private static final List<String> TYPES = List.of(JobResultIngestion.TYPE, RemediationCheck.TYPE,
            IntegrationOnboarding.TYPE);

    private final SagaOperations sagas;
    private final ExplorerAccess access;
    private final Links links = new Links();

    SagaPages(SagaOperations sagas, ExplorerAccess access) {
        this.sagas = sagas;
        this.access = access;
    }

    @GetMapping(PATH)
    String list(Caller caller, @RequestParam(required = false) String type,
                @RequestParam(required = false) String state, @RequestParam(required = false) String tenant,
                @RequestParam(defaultValue = DEFAULT_LIMIT) int limit, Model model) {
        requireOperator(caller);
        model.addAttribute("sagas", sagas.list(type, state, tenant, limit));
        model.addAttribute("parkedCount", sagas.parkedCount());
        model.addAttribute("counts", countsInStateOrder());
        model.addAttribute("type", type);
        model.addAttribute("state", state == null ? null : state.trim().toUpperCase(Locale.ROOT));
        model.addAttribute("tenant", tenant);
        model.addAttribute("limit", limit);
        model.addAttribute("filtered", !blank(type) || !blank(state) || !blank(tenant));
        model.addAttribute("states", SagaState.values());
        model.addAttribute("types", TYPES);
        return "explorer/sagas";
    }

    /** Each type's counts as a row, one column per state (SagaState's order), zero where none. */
    private Map<String, List<Long>> countsInStateOrder() {
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        sagas.counts().forEach((type, byState) -> rows.put(type, Arrays.stream(SagaState.values())
                .map(state -> byState.getOrDefault(state, 0L)).toList()));
        return rows;
    }

    @GetMapping(PATH + "/parked")
    String parked(Caller caller, @RequestParam(defaultValue = DEFAULT_LIMIT) int limit, Model model) {
        requireOperator(caller);
        model.addAttribute("count", sagas.parkedCount());
        model.addAttribute("events", sagas.parked(limit));
        return "explorer/saga-parked";
    }

    @GetMapping(PATH + "/{id}")
    String show(Caller caller, @PathVariable String id, Model model) {
        requireOperator(caller);
        model.addAttribute("saga", sagas.find(id));
        model.addAttribute("events", sagas.parked(id));
        return "explorer/saga";
    }

    @PostMapping(PATH + "/{id}/retry")
    RedirectView retry(Caller caller, @PathVariable String id, @RequestParam(required = false) String back) {
        requireOperator(caller);
        sagas.retry(id);
        return back(id, back);
    }

    @PostMapping(PATH + "/{id}/discard")
    RedirectView discard(Caller caller, @PathVariable String id, @RequestParam(required = false) String back) {
        requireOperator(caller);
        sagas.discard(id);
        return back(id, back);
    }

    @PostMapping(PATH + "/{id}/compensate")
    RedirectView compensate(Caller caller, @PathVariable String id, @RequestParam(required = false) String reason) {
        requireOperator(caller);
        sagas.compensate(id, reason, caller.user());
        return LoginController.seeOther(links.saga(id));
    }

    /** After an action: the page it came from — the parked failures, or the instance (what the action did shows). */
    private RedirectView back(String id, String back) {
        return LoginController.seeOther("parked".equals(back) ? PATH + "/parked" : links.saga(id));
    }

    private void requireOperator(Caller caller) {
        if (!access.isOperator(caller)) {
            throw new ForbiddenException("the operations pages are for platform operators");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
