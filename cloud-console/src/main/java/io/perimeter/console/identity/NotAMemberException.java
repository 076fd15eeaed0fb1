package io.perimeter.console.identity;

/** A person signed in who belongs to no tenant: there is nothing to show them until an admin adds them. */
public final class NotAMemberException extends RuntimeException {
    NotAMemberException(String username) {
        super(username + " is not a member of any tenant");
    }
}
