package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.audit.AuditRecordsResource;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events/audit-records")
@Tag(name = "Audit trail 审计日志")
public class VolunteeringAuditRecordsResource extends AuditRecordsResource {
}
