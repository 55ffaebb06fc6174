package dev.courier.lag.evaluate;

/**
 * How a group is doing on a partition, in the spirit of Burrow's evaluation rules, worst last: a
 * group's status is the worst of its partitions'.
 */
public enum Status {
    /** Caught up, or catching up. */
    OK,
    /** Consuming, but the lag grew over the whole window. */
    WARNING,
    /** A member owns the partition, yet its committed offset has not moved for the whole window while there is lag. */
    STALLED,
    /** No member consumes the partition while there is lag: nobody is working on it. */
    STOPPED,
    /** The committed offset went backwards: records will be processed again. */
    REWOUND
}
