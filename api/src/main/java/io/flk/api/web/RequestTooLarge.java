package io.flk.api.web;

import java.io.IOException;

/** Raised while reading a body that grows past the configured limit without declaring its length. */
public class RequestTooLarge extends IOException {

    public RequestTooLarge(long limit) {
        super("the request body exceeds " + limit + " bytes");
    }
}
