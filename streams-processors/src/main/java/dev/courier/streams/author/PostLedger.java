package dev.courier.streams.author;

import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.model.AuthorStats;
import dev.courier.streams.state.PostEntry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each post event into the change it makes to its author's statistics, keyed by author. It
 * remembers each live post's author and length (keyed by post id, as the events are), so an update
 * or a deletion can take back what the post counted before.
 */
final class PostLedger implements Processor<String, SpecificRecord, String, AuthorStats> {

    private final String storeName;
    private ProcessorContext<String, AuthorStats> context;
    private KeyValueStore<String, PostEntry> posts;

    PostLedger(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, AuthorStats> context) {
        this.context = context;
        this.posts = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SpecificRecord> event) {
        SpecificRecord value = event.value();
        AuthorStats change = null;
        if (value instanceof PostCreated created) {
            change = created(created);
        } else if (value instanceof PostUpdated updated) {
            change = updated(updated);
        } else if (value instanceof PostDeleted deleted) {
            change = deleted(deleted);
        }
        if (change != null) {
            context.forward(event.withKey(change.getAuthorId()).withValue(change));
        }
    }

    private AuthorStats created(PostCreated created) {
        if (posts.get(created.getPostId()) != null) {
            // The services never create one id twice: this is a repeat from beyond the window.
            return null;
        }
        long length = length(created.getContent());
        posts.put(created.getPostId(), new PostEntry(created.getAuthorId(), length));
        return new AuthorStats(created.getAuthorId(), 1L, 1L, 0L, 0L, created.getCreatedAt(), length, created.getCreatedAt());
    }

    private AuthorStats updated(PostUpdated updated) {
        PostEntry before = posts.get(updated.getPostId());
        long length = length(updated.getContent());
        long delta = 0;
        if (before != null) {
            delta = length - before.getContentLength();
            posts.put(updated.getPostId(), new PostEntry(before.getAuthorId(), length));
        }
        return new AuthorStats(updated.getAuthorId(), 0L, 0L, 1L, 0L, null, delta, updated.getUpdatedAt());
    }

    private AuthorStats deleted(PostDeleted deleted) {
        PostEntry before = posts.delete(deleted.getPostId());
        if (before == null) {
            // Unknown or already gone: a repeat from beyond the window changes nothing.
            return null;
        }
        return new AuthorStats(deleted.getAuthorId(), -1L, 0L, 0L, 1L, null, -before.getContentLength(), deleted.getDeletedAt());
    }

    private static long length(String content) {
        return content.codePointCount(0, content.length());
    }
}
