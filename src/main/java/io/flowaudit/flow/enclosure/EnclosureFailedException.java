package io.flowaudit.flow.enclosure;

/** No enclosure could be proved; the message says which step of the argument failed and why. */
public class EnclosureFailedException extends RuntimeException {

    public EnclosureFailedException(String message) {
        super(message);
    }
}
