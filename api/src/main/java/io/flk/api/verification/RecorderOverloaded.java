package io.flk.api.verification;

/** The decision recorder cannot take another decision now; nothing was recorded. */
public class RecorderOverloaded extends RuntimeException {

    public RecorderOverloaded(String message) {
        super(message);
    }
}
