package io.chariot.query.explorer.web;

import io.chariot.websupport.tenancy.Caller;
import io.chariot.query.explorer.access.ExplorerAccess;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page after the login needs: who is looking, and a CSRF token made now, before the page streams. */
@ControllerAdvice(annotations = ExplorerPage.class)
public class ExplorerPages {

    private final ExplorerAccess access;
    private final Links links = new Links();

    public ExplorerPages(ExplorerAccess access) {
        this.access = access;
    }

    @ModelAttribute
    void common(Caller caller, CsrfToken csrf, Model model) {
        csrf.getToken();
        model.addAttribute("caller", caller);
        model.addAttribute("operator", access.isOperator(caller));
        model.addAttribute("links", links);
        model.addAttribute("json", JsonHtml.INSTANCE);
    }
}
