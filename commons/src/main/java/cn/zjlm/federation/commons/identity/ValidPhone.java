package cn.zjlm.federation.commons.identity;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Mainland mobile (11 digits starting 1) or landline with area code. Null is valid: combine with @NotBlank where the value is required. */
@Documented
@Constraint(validatedBy = ValidPhone.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPhone {
    String message() default "{phone.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Whether an empty value is allowed (a correction's way of removing a number). */
    boolean allowBlank() default false;

    class Validator implements ConstraintValidator<ValidPhone, String> {
        private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile(
                "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");
        private boolean allowBlank;

        @Override
        public void initialize(ValidPhone annotation) {
            allowBlank = annotation.allowBlank();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || (allowBlank && value.isBlank())) {
                return true;
            }
            return PHONE.matcher(value.strip()).matches();
        }
    }
}
