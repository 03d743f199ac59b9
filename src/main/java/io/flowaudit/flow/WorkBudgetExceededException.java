package io.flowaudit.flow;

/** A reference flow that would take more steps or time than its {@link WorkBudget}. */
public final class WorkBudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkBudgetExceededException(String message) {
        super(message);
    }
}
