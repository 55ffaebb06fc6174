package dev.courier.schemas.command;

import dev.courier.reply.FieldError;
import dev.courier.reply.Outcome;
import dev.courier.reply.Problem;
import dev.courier.reply.Reply;
import dev.courier.schemas.validation.Violation;
import java.util.List;

/** The replies a service or a streams processor sends, with one problem type per outcome. */
public final class Replies {

    public static final String PROBLEM_PREFIX = "urn:courier:problem:";

    private Replies() {
    }

    /** Success; {@code payload} is a Post, PostPage, User or null. */
    public static Reply ok(Object payload) {
        return Reply.newBuilder().setOutcome(Outcome.OK).setPayload(payload).setProblem(null).build();
    }

    /** A query's answer from a view derived by the streams processors: an AuthorStats, RouteStats or DeadLetterStats. */
    public static Reply view(Object view) {
        return Reply.newBuilder().setOutcome(Outcome.OK).setView(view).setProblem(null).build();
    }

    /** The sender's mistake, field by field. */
    public static Reply rejected(List<Violation> violations) {
        List<FieldError> errors = violations.stream().map(Violation::toFieldError).toList();
        return problem(Outcome.REJECTED, "rejected", "The command is not valid", describe(violations), errors);
    }

    public static Reply notFound(String detail) {
        return problem(Outcome.NOT_FOUND, "not-found", "Not found", detail, List.of());
    }

    public static Reply conflict(String detail, List<Violation> violations) {
        return problem(Outcome.CONFLICT, "conflict", "Conflict with the current state", detail,
                violations.stream().map(Violation::toFieldError).toList());
    }

    public static Reply forbidden(String detail) {
        return problem(Outcome.FORBIDDEN, "forbidden", "Not allowed", detail, List.of());
    }

    /** The service could not carry the command out; not the sender's mistake, and not retried. */
    public static Reply error(String detail) {
        return problem(Outcome.ERROR, "service-error", "The service could not carry out the command", detail, List.of());
    }

    private static Reply problem(Outcome outcome, String type, String title, String detail, List<FieldError> errors) {
        Problem problem = Problem.newBuilder()
                .setType(PROBLEM_PREFIX + type)
                .setTitle(title)
                .setDetail(detail)
                .setFieldErrors(errors)
                .build();
        return Reply.newBuilder().setOutcome(outcome).setPayload(null).setProblem(problem).build();
    }

    private static String describe(List<Violation> violations) {
        return violations.size() == 1
                ? violations.get(0).message()
                : violations.size() + " fields are not valid";
    }
}
