package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.audit.AuditRecordsResource;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/honors/audit-records")
@Tag(name = "Audit trail 审计日志")
public class HonorsAuditRecordsResource extends AuditRecordsResource {
}
