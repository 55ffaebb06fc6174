package dev.courier.blog;

import dev.courier.blog.command.BlogOperations;
import dev.courier.blog.store.PostKeys;
import dev.courier.blog.store.PostStore;
import dev.courier.schemas.Messages;
import dev.courier.schemas.topic.Topics;
import dev.courier.service.ServiceDefinition;
import dev.courier.service.ServiceMain;
import dev.courier.service.config.ServiceDefaults;
import java.time.Clock;

/** The blog service: post commands in, posts in Redis under {@code blog:}, replies and post events out. */
public final class BlogService {

    public static final ServiceDefaults DEFAULTS = new ServiceDefaults("blog-service", Topics.BLOG_COMMANDS.name(),
            Topics.BLOG_EVENTS.name(), Topics.BLOG_COMMANDS_DLQ.name(), 8081);

    private BlogService() {
    }

    public static ServiceDefinition definition(Clock clock) {
        return new ServiceDefinition(DEFAULTS, PostKeys.PREFIX, Messages.BLOG_COMMANDS, Messages.BLOG_EVENTS,
                redis -> BlogOperations.handler(new PostStore(redis), clock));
    }

    /** Runs the service; the one argument, if any, is a config file. */
    public static void main(String[] args) {
        ServiceMain.run(args, definition(Clock.systemUTC()));
    }
}
