package dev.courier.commons.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

/**
 * Items handed over without waiting (from an event loop) and dealt with together, every
 * {@code every}, on a thread of their own: nobody waits for them, so none is worth a thread
 * wake-up of its own. The queue is bounded; a full one refuses the item at once. Closing deals
 * with what is left.
 */
public final class Gathering<T> implements AutoCloseable {

    private final ArrayBlockingQueue<T> queue;
    private final Consumer<T> each;
    private final Periodic worker;

    /**
     * @param capacity how many items may wait for the next turn
     * @param each what is done with each item, in the order handed over, on the gathering's thread
     * @param onFailure told when a turn fails; the next turn goes on
     */
    public Gathering(String threadName, int capacity, Duration every, Consumer<T> each, Consumer<Exception> onFailure) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.each = each;
        this.worker = Periodic.start(threadName, every, every, this::dealWithGathered, onFailure);
    }

    /** False when the queue is full: the item is not taken. */
    public boolean offer(T item) {
        return queue.offer(item);
    }

    /** Items waiting now. */
    public int waiting() {
        return queue.size();
    }

    private void dealWithGathered() {
        List<T> gathered = new ArrayList<>(queue.size());
        queue.drainTo(gathered);
        gathered.forEach(each);
    }

    /** Stops the thread, then deals with what is left on the caller's. */
    @Override
    public void close() {
        worker.close();
        dealWithGathered();
    }
}
