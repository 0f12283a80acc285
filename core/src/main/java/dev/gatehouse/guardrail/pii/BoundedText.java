package dev.gatehouse.guardrail.pii;

/**
 * A text that allows a fixed number of character reads, then throws: a regular expression
 * matched over it stops after that much work whatever it is doing. Counting reads rather than
 * time makes the bound the same on a busy machine and an idle one.
 */
final class BoundedText implements CharSequence {

    /** Thrown when the budget is spent; no stack trace, it is control flow. */
    static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget() {
            super("pattern ran over its budget of character reads", null, false, false);
        }
    }

    private final CharSequence text;
    private final int offset;
    private final int length;
    private final long[] budget;

    BoundedText(CharSequence text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BoundedText(CharSequence text, int offset, int length, long[] budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new OverBudget();
        }
        return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.subSequence(offset, offset + length).toString();
    }
}
