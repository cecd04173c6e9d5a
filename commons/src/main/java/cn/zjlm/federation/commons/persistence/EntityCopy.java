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
import org.hibernate.generator.Generator;
import org.hibernate.generator.Assigned;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * New entities written by COPY ({@link CopyIn}) in the current transaction, with the columns and values Hibernate
 * maps them to, so the mapping stays in one place. For bulk writes only: the rows are not managed afterwards,
 * and a database-generated id (identity) is left to the database. Entities of one plain table with assigned or
 * identity ids and basic attributes of plain types only (no converters or value generators); anything else is
 * refused when the writer is made.
 */
public final class EntityCopy<T> implements AutoCloseable {
    private final List<Function<Object, Object>> values = new ArrayList<>();
    private final CopyIn copy;

    /** Rows sent every {@code rowsPerCopy} (a buffered {@link CopyIn}). */
    public EntityCopy(Session session, Class<T> type, int rowsPerCopy) {
        this(session, type, rowsPerCopy, 0);
    }

    /**
     * Rows sent as they come in one COPY, {@code chunk} characters at a time, the connection busy until
     * {@link #flush} (a streaming {@link CopyIn}).
     */
    public static <T> EntityCopy<T> streaming(Session session, Class<T> type, int chunk) {
        return new EntityCopy<>(session, type, Integer.MAX_VALUE, chunk);
    }

    private EntityCopy(Session session, Class<T> type, int rowsPerCopy, int streamChunk) {
        EntityPersister persister = session.getSessionFactory().unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(type);
        if (persister.getTableNames().length != 1 || persister.getDiscriminatorMapping() != null
                || persister.getSoftDeleteMapping() != null) {
            throw new IllegalArgumentException(type.getName() + ": only entities of one plain table are copied");
        }
        List<String> columns = new ArrayList<>();
        Generator idGenerator = persister.getGenerator();
        if (idGenerator == null || idGenerator instanceof Assigned) {
            if (!(persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping id)) {
                throw new IllegalArgumentException(type.getName() + " has a composite id");
            }
            columns.add(id.getSelectionExpression());
            values.add(e -> relational(id.getJdbcMapping(), persister.getIdentifier(e)));
        } else if (!idGenerator.generatedOnExecution()) {
            // a generated UUID or sequence value would be written as NULL
            throw new IllegalArgumentException(type.getName() + ": only assigned or database-generated ids, not "
                    + idGenerator.getClass().getName());
        }
        AttributeMapping version = persister.getVersionMapping() == null ? null
                : persister.getVersionMapping().getVersionAttribute();
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            String name = type.getName() + "." + attribute.getAttributeName();
            if (!(attribute instanceof BasicValuedModelPart basic)) {
                throw new IllegalArgumentException(name + " is not basic");
            }
            if (basic.isFormula() || !basic.isInsertable()) {
                continue;
            }
            if (attribute != version && attribute.getGenerator() != null) {
                throw new IllegalArgumentException(name + " has a value generator");
            }
            JdbcMapping mapping = basic.getJdbcMapping();
            Class<?> javaType = mapping.getJavaTypeDescriptor().getJavaTypeClass();
            if (mapping.getValueConverter() != null || !(javaType.isEnum() || javaType.isPrimitive()
                    || WRITTEN_AS_TEXT.stream().anyMatch(t -> t.isAssignableFrom(javaType)))) {
                throw new IllegalArgumentException(name + ": no COPY text for " + javaType.getName());
            }
            columns.add(basic.getSelectionExpression());
            Function<Object, Object> getter = attribute.getPropertyAccess().getGetter()::get;
            values.add(attribute == version
                    ? e -> { // as Hibernate seeds a new entity's version
                        Object v = getter.apply(e);
                        return v == null ? 0 : v;
                    }
                    : e -> relational(mapping, getter.apply(e)));
        }
        copy = streamChunk > 0 ? CopyIn.streaming(session, persister.getTableName(), columns, streamChunk)
                : new CopyIn(session, persister.getTableName(), columns, rowsPerCopy);
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

    /** Ends an unfinished streaming COPY (see {@link CopyIn#close}). */
    @Override
    public void close() {
        copy.close();
    }

    /** Java types whose text PostgreSQL reads as the column's value (checked when the writer is made). */
    private static final List<Class<?>> WRITTEN_AS_TEXT = List.of(String.class, UUID.class, Number.class,
            Boolean.class, Instant.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class);

    /** The value as the column holds it, in a form {@link CopyIn} writes as PostgreSQL reads it. */
    private static Object relational(JdbcMapping mapping, Object value) {
        if (value instanceof Enum<?> e) {
            return mapping.getJdbcType().isInteger() ? e.ordinal() : e.name();
        }
        return value;
    }
}
