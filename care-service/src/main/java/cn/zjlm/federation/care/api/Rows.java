package cn.zjlm.federation.care.api;

import java.sql.Date;
import java.time.LocalDate;

/** Reading native query rows: the JDBC driver may hand back a date as java.sql.Date or LocalDate. */
final class Rows {
    private Rows() {
    }

    static LocalDate date(Object value) {
        return value == null ? null : value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
