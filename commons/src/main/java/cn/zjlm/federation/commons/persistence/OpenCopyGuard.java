package cn.zjlm.federation.commons.persistence;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses a Hibernate statement on a thread that has a streaming COPY open ({@link CopyIn#streaming}): on the same
 * connection, PostgreSQL's driver would wait for the COPY to end, that is forever, and so would the rollback.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class OpenCopyGuard implements StatementInspector {
    @Override
    public String inspect(String sql) {
        CopyIn.requireNoneOpen();
        return sql;
    }
}
