package jp.consentledger.command;

import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link Refusal} by its stable code, with a message an operator can act on. */
public final class RefusalMatcher extends TypeSafeMatcher<Refusal> {
    private final RefusalCode code;

    private RefusalMatcher(RefusalCode code) {
        this.code = code;
    }

    public static Matcher<Refusal> refusedWith(RefusalCode code) {
        return new RefusalMatcher(code);
    }

    @Override
    protected boolean matchesSafely(Refusal refusal) {
        return refusal.code() == code && refusal.getMessage() != null && !refusal.getMessage().isBlank();
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a refusal with code ").appendValue(code);
    }

    @Override
    protected void describeMismatchSafely(Refusal refusal, Description mismatch) {
        mismatch.appendText("was refused with ").appendValue(refusal.code()).appendText(": ").appendText(refusal.getMessage());
    }
}
