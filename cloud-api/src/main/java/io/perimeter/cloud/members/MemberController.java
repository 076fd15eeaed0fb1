package io.perimeter.cloud.members;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;

/** The tenant's members and their roles: every member reads them, admins manage them, owners manage owners. */
@Controller("/api/v1/members")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "members")
@SecurityRequirement(name = "keycloak")
class MemberController {
    private final MemberAdministration administration;

    MemberController(MemberAdministration administration) {
        this.administration = administration;
    }

    @Get
    List<MemberView> list(Person person) {
        return administration.list(person);
    }

    /** Adds an existing user with a role (admin; owner to add an owner). 409 if they are a member already. */
    @Post
    @Status(HttpStatus.CREATED)
    MemberView add(Person person, @Body @Valid MemberRequests.NewMember request) {
        return administration.add(person, request);
    }

    /** Changes a member's role (admin; owner to grant or revoke owner); the last owner stays owner (409). */
    @Put("/{username}")
    MemberView changeRole(Person person, String username, @Body @Valid MemberRequests.RoleChange request) {
        return administration.changeRole(person, username, request);
    }

    /** Removes a member (admin; owner to remove an owner); the last owner cannot be removed (409). */
    @Delete("/{username}")
    @Status(HttpStatus.NO_CONTENT)
    void remove(Person person, String username) {
        administration.remove(person, username);
    }
}
