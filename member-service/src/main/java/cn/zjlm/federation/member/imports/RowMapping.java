package cn.zjlm.federation.member.imports;

import static cn.zjlm.federation.member.imports.ImportColumns.*;

import cn.zjlm.federation.member.api.HonourRequest;
import cn.zjlm.federation.member.api.MemberRequest;
import cn.zjlm.federation.member.imports.RegistrationFormReader.FormRow;

/** Turns a form row into the same requests the API takes, so both paths share every rule. */
final class RowMapping {
    private RowMapping() {
    }

    static MemberRequest member(FormRow row) {
        String nationalId = row.get(NATIONAL_ID);
        if (nationalId != null && nationalId.startsWith("#NUMERIC:")) {
            throw new BadValue("nationalId", "import.id-stored-as-number");
        }
        return new MemberRequest(row.get(NAME), gender(row.get(GENDER)), row.get(ETHNICITY),
                date(row.get(BIRTH_DATE), "birthDate"), nationalId, row.get(PHONE), row.get(EMPLOYER),
                row.get(CREDIT_CODE), sector(row.get(SECTOR)), row.get(OCCUPATION), row.get(EDUCATION),
                row.get(POLITICAL_STATUS), row.get(ADDRESS), row.get(ASSOCIATION),
                status(row.get(STATUS)), date(row.get(DECEASED_ON), "deceasedOn"), null, row.get(NOTES));
    }

    /** The row's honour, if the honour columns are filled. */
    static HonourRequest honour(FormRow row) {
        String title = row.get(HONOUR_TITLE);
        if (title == null) {
            return null;
        }
        int year;
        try {
            year = Integer.parseInt(row.get(HONOUR_YEAR) == null ? "" : row.get(HONOUR_YEAR).replace("年", ""));
        } catch (NumberFormatException e) {
            throw new BadValue("year", "import.year-unreadable");
        }
        return new HonourRequest(null, category(row.get(HONOUR_CATEGORY), title), level(row.get(HONOUR_LEVEL)), title,
                row.get(HONOUR_BODY), year, row.get(HONOUR_CERTIFICATE), false);
    }
}
