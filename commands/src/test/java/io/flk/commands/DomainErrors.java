package io.flk.commands;

import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Matchers for the stable parts of domain errors, which the API turns into problem types and fields. */
public final class DomainErrors {

    private DomainErrors() {
    }

    public static Matcher<BusinessRuleViolation> violation(String code) {
        return new FeatureMatcher<>(Matchers.equalTo(code), "a business rule violation with code", "code") {
            @Override
            protected String featureValueOf(BusinessRuleViolation actual) {
                return actual.code();
            }
        };
    }

    public static Matcher<InvalidValue> invalid(String field) {
        return new FeatureMatcher<>(Matchers.equalTo(field), "an invalid value of field", "field") {
            @Override
            protected String featureValueOf(InvalidValue actual) {
                return actual.field();
            }
        };
    }
}
