package dev.courier.schemas;

import dev.courier.command.CreatePost;
import dev.courier.command.CreateUser;
import dev.courier.command.DeletePost;
import dev.courier.command.GetAuthorStats;
import dev.courier.command.GetDeadLetterStats;
import dev.courier.command.GetPost;
import dev.courier.command.GetRouteStats;
import dev.courier.command.GetUser;
import dev.courier.command.GetUserByUsername;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.command.UpdatePost;
import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.event.RequestServed;
import dev.courier.event.UserCreated;
import dev.courier.reply.Reply;
import dev.courier.schemas.codec.MessageFamily;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The message types that may travel together on one kind of topic. */
public final class Messages {

    /** Commands the blog service accepts. */
    public static final MessageFamily<SpecificRecord> BLOG_COMMANDS = MessageFamily.of("blog-commands", SpecificRecord.class,
            CreatePost.class, GetPost.class, ListPostsByAuthor.class, UpdatePost.class, DeletePost.class);

    /** Commands the user service accepts. */
    public static final MessageFamily<SpecificRecord> USER_COMMANDS = MessageFamily.of("user-commands", SpecificRecord.class,
            CreateUser.class, GetUser.class, GetUserByUsername.class);

    /** The one reply type every service sends. */
    public static final MessageFamily<Reply> REPLIES = MessageFamily.of("replies", Reply.class, Reply.class);

    /** Domain events of the blog service. */
    public static final MessageFamily<SpecificRecord> BLOG_EVENTS = MessageFamily.of("blog-events", SpecificRecord.class,
            PostCreated.class, PostUpdated.class, PostDeleted.class);

    /** Domain events of the user service. */
    public static final MessageFamily<SpecificRecord> USER_EVENTS = MessageFamily.of("user-events", SpecificRecord.class,
            UserCreated.class);

    /** Queries the streams processors answer from the views they derive. */
    public static final MessageFamily<SpecificRecord> ANALYTICS_QUERIES = MessageFamily.of("analytics-queries", SpecificRecord.class,
            GetAuthorStats.class, GetRouteStats.class, GetDeadLetterStats.class);

    /** The gateways' access records, one per request served. */
    public static final MessageFamily<RequestServed> ACCESS_RECORDS = MessageFamily.of("access-records", RequestServed.class,
            RequestServed.class);

    /** Every family, for checks that must cover them all (the compatibility gate). */
    public static final List<MessageFamily<? extends SpecificRecord>> ALL = List.of(BLOG_COMMANDS, USER_COMMANDS, REPLIES, BLOG_EVENTS,
            USER_EVENTS, ANALYTICS_QUERIES, ACCESS_RECORDS);

    private Messages() {
    }
}
