package cn.zjlm.federation.commons.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * New entities written by COPY ({@link CopyIn}) in the current transaction, with the columns and values Hibernate
 * maps them to, so the mapping stays in one place. For bulk writes only: the rows are not managed afterwards,
 * and a database-generated id (identity) is left to the database. Entities of one table with basic attributes
 * only; anything else is refused when the writer is made.
 */
public final class EntityCopy<T> {
    private final List<Function<Object, Object>> values = new ArrayList<>();
    private final CopyIn copy;

    public EntityCopy(Session session, Class<T> type, int rowsPerCopy) {
        EntityPersister persister = session.getSessionFactory().unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(type);
        if (persister.getTableNames().length != 1) {
            throw new IllegalArgumentException(type.getName() + " spans several tables");
        }
        List<String> columns = new ArrayList<>();
        if (persister.getGenerator() == null || !persister.getGenerator().generatedOnExecution()) {
            if (!(persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping id)) {
                throw new IllegalArgumentException(type.getName() + " has a composite id");
            }
            columns.add(id.getSelectionExpression());
            values.add(e -> relational(id.getJdbcMapping(), persister.getIdentifier(e)));
        }
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (!(attribute instanceof BasicValuedModelPart basic)) {
                throw new IllegalArgumentException(type.getName() + "." + attribute.getAttributeName() + " is not basic");
            }
            if (basic.isFormula() || !basic.isInsertable()) {
                continue;
            }
            columns.add(basic.getSelectionExpression());
            values.add(e -> relational(basic.getJdbcMapping(), attribute.getPropertyAccess().getGetter().get(e)));
        }
        copy = new CopyIn(session, persister.getTableName(), columns, rowsPerCopy);
    }

    public void add(T entity) {
        Object[] row = new Object[values.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(i).apply(entity);
        }
        copy.row(row);
    }

    /**
     * Sends the rows buffered so far (before rows of another table that refer to them); the number of rows
     * written in all.
     */
    public long flush() {
        return copy.flush();
    }

    /** The value as the column holds it, in a form {@link CopyIn} writes as PostgreSQL reads it. */
    private static Object relational(JdbcMapping mapping, Object value) {
        Object v = value == null ? null : mapping.convertToRelationalValue(value);
        if (v instanceof Enum<?> e) {
            return mapping.getJdbcType().isInteger() ? e.ordinal() : e.name();
        }
        if (v == null || v instanceof String || v instanceof UUID || v instanceof Number || v instanceof Boolean
                || v instanceof Instant || v instanceof LocalDate || v instanceof LocalDateTime
                || v instanceof OffsetDateTime) {
            return v;
        }
        throw new IllegalArgumentException("no COPY text for " + v.getClass().getName());
    }
}
