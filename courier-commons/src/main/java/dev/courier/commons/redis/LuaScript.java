package dev.courier.commons.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}): 40 bytes per call instead of the whole text, and
 * no hashing of the text by Redis on every call. A Redis that forgot the script (restarted, or
 * {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}; {@link #call} then loads it and calls again, so
 * every script must be safe to run twice.
 */
public final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = sha1Hex(text);
    }

    public static LuaScript of(String text) {
        return new LuaScript(text);
    }

    /** The script in the resource {@code name} next to {@code owner}. */
    public static LuaScript resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath next to " + owner.getName());
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to pass to {@code evalShaAsync}. */
    public String sha() {
        return sha;
    }

    /**
     * Runs {@code calls}, which send this script by its SHA (alone or in a batch); after a
     * {@code NOSCRIPT} answer, loads the script and runs them once more.
     */
    public <T> CompletionStage<T> call(RedissonClient redis, Supplier<CompletionStage<T>> calls) {
        return calls.get().exceptionallyCompose(failure -> isNoScript(failure)
                ? redis.getScript().scriptLoadAsync(text).thenCompose(loaded -> calls.get())
                : CompletableFuture.failedFuture(failure));
    }

    /** Whether Redis answered that it does not know the script sent by its SHA. */
    public static boolean isNoScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisNoScriptException || String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
