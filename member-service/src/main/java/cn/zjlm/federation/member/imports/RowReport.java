package cn.zjlm.federation.member.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** What happened to one row. Messages are attached in the reader's language when the report is read. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RowReport(int row, Outcome outcome, UUID memberId, List<RowError> errors, MergeSuggestion merge) {

    public RowReport {
        errors = errors == null ? List.of() : errors;
    }

    /** Invalid or a duplicate: the rows the job's report lists, and that refuse an all-or-nothing import. */
    public boolean needsAttention() {
        return outcome == Outcome.INVALID || outcome == Outcome.DUPLICATE;
    }

    public enum Outcome {
        /** Would be registered (dry run or refused all-or-nothing). */
        VALID,
        CREATED,
        /** Already registered with the same data: nothing to do (re-imports are harmless). */
        UNCHANGED,
        INVALID,
        /** The ID number is registered with different data, or appears twice in the file. */
        DUPLICATE
    }

    public record RowError(String field, String column, String code, String message) {
    }

    /** The registered member this row duplicates and the fields that differ, for staff to reconcile. */
    public record MergeSuggestion(UUID existingMemberId, Integer sameAsRow, List<String> differingFields) {
        public MergeSuggestion {
            differingFields = differingFields == null ? List.of() : differingFields;
        }
    }
}
