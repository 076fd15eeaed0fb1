package io.perimeter.console.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import io.perimeter.cloud.playbooks.DestinationView;
import io.perimeter.cloud.playbooks.Playbook;
import io.perimeter.cloud.playbooks.PlaybookLibrary;
import io.perimeter.cloud.playbooks.PlaybookRequests;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.CsrfProtected;
import io.perimeter.console.web.ListQuery;
import io.perimeter.tenancy.tenant.Role;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Playbooks: the tenant's own and the built-in ones, a copy of a built-in one to edit, and the edit form (name,
 * description, the rules and categories it maps to, steps, actions as lines). Analysts edit; everyone reads. A
 * refused edit shows the form again with every reason.
 */
@Controller("/playbooks")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PlaybooksController {
    private final PlaybookLibrary library;

    PlaybooksController(PlaybookLibrary library) {
        this.library = library;
    }

    @Get
    @View("playbooks/list")
    Map<String, Object> list(SignedIn signedIn) {
        UUID tenant = signedIn.person().tenantId();
        List<Playbook> all = library.list(tenant);
        return Map.of("own", all.stream().filter(p -> !p.builtIn()).toList(),
                "builtIn", all.stream().filter(Playbook::builtIn).toList(),
                "destinations", library.destinations(tenant));
    }

    /** Copies a built-in playbook; the copy's page opens for editing. */
    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> copy(SignedIn signedIn, @Body("basedOn") @Nullable String basedOn,
                         @Body("name") @Nullable String name, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        signedIn.person().require(Role.ANALYST);
        try {
            Playbook copy = library.create(signedIn.person(), new PlaybookRequests.PlaybookInput(
                    ListQuery.blankToNull(name), null, null, null, null, null, ListQuery.blankToNull(basedOn)));
            return HttpResponse.seeOther(URI.create("/playbooks/" + copy.id()));
        } catch (ApiException refused) {
            if (refused.status().getCode() != 409 && refused.status().getCode() != 422) {
                throw refused;
            }
            Map<String, Object> model = new HashMap<>(list(signedIn));
            model.put("problem", describe(refused));
            return HttpResponse.unprocessableEntity().body(new ModelAndView<>("playbooks/list", model));
        }
    }

    @Get("/{playbookId}")
    @View("playbooks/edit")
    Map<String, Object> show(SignedIn signedIn, String playbookId) {
        return model(signedIn, library.get(signedIn.person().tenantId(), playbookId), null, null);
    }

    @Post("/{playbookId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(SignedIn signedIn, String playbookId, @Body("name") @Nullable String name,
                         @Body("description") @Nullable String description, @Body("rules") @Nullable String rules,
                         @Body("categories") @Nullable String categories, @Body("steps") @Nullable String steps,
                         @Body("actions") @Nullable String actions,
                         @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        UUID tenant = signedIn.person().tenantId();
        Playbook current = library.get(tenant, playbookId);
        signedIn.person().require(Role.ANALYST);
        String problem;
        try {
            var input = new PlaybookRequests.PlaybookInput(name == null ? "" : name.strip(),
                    description == null ? "" : description.strip(), words(rules), words(categories),
                    lines(steps), ActionLines.parse(actions, library.destinations(tenant)), null);
            library.update(signedIn.person(), playbookId, input);
            return HttpResponse.seeOther(URI.create("/playbooks/" + playbookId));
        } catch (ApiException refused) {
            if (refused.status().getCode() != 409 && refused.status().getCode() != 422) {
                throw refused;
            }
            problem = describe(refused);
        } catch (IllegalArgumentException unreadable) {
            problem = unreadable.getMessage();
        }
        Map<String, String> form = Map.of("name", name == null ? "" : name, "description",
                description == null ? "" : description, "rules", rules == null ? "" : rules,
                "categories", categories == null ? "" : categories, "steps", steps == null ? "" : steps,
                "actions", actions == null ? "" : actions);
        return HttpResponse.unprocessableEntity().body(new ModelAndView<>("playbooks/edit",
                model(signedIn, current, form, problem)));
    }

    @Post("/{playbookId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(SignedIn signedIn, String playbookId,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        library.get(signedIn.person().tenantId(), playbookId);
        library.delete(signedIn.person(), playbookId);
        return HttpResponse.seeOther(URI.create("/playbooks"));
    }

    private Map<String, Object> model(SignedIn signedIn, Playbook playbook, @Nullable Map<String, String> form,
                                      @Nullable String problem) {
        List<DestinationView> destinations = library.destinations(signedIn.person().tenantId());
        Map<String, Object> model = new HashMap<>();
        model.put("playbook", playbook);
        model.put("destinations", destinations);
        model.put("form", form != null ? form : Map.of("name", playbook.name(), "description", playbook.description(),
                "rules", String.join(", ", playbook.rules()), "categories", String.join(", ", playbook.categories()),
                "steps", String.join("\n", playbook.steps()),
                "actions", ActionLines.format(playbook.actions(), id -> destinations.stream()
                        .filter(d -> d.id().equals(id)).map(DestinationView::name).findFirst())));
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }

    static String describe(ApiException refused) {
        return refused.errors().isEmpty() ? refused.getMessage()
                : refused.getMessage() + ": " + String.join("; ", refused.errors());
    }

    private static List<String> words(@Nullable String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isBlank()).toList();
    }

    private static List<String> lines(@Nullable String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

}
