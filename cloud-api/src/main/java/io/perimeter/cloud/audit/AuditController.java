package io.perimeter.cloud.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.perimeter.tenancy.audit.AuditEntry;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/** The tenant's audit trail, newest first; page with {@code before} = the last id seen. */
@Controller("/api/v1/audit")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "audit")
@SecurityRequirement(name = "keycloak")
class AuditController {
    private final TenantTransactions transactions;
    private final AuditLog audit;

    AuditController(TenantTransactions transactions, AuditLog audit) {
        this.transactions = transactions;
        this.audit = audit;
    }

    @Get
    List<AuditEntry> list(Person person, @QueryValue @Nullable Long before,
                          @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit) {
        person.require(Role.ANALYST);
        return transactions.read(person.tenantId(),
                () -> audit.recent(person.tenantId(), before == null ? 0 : before, limit));
    }
}
