package dev.gatehouse.server.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script Redis runs atomically: every read and write in it happens with no other command
 * in between, on every instance's behalf, which is what makes a shared limit exact. Sent by its
 * SHA-1 after the first time ({@code EVALSHA}), in full when Redis does not know it yet.
 *
 * @param name what the script does, for errors and metrics
 * @param lua  its source
 * @param sha1 the digest Redis knows it by
 */
public record RedisScript(String name, String lua, String sha1) {

    public static RedisScript of(String name, String lua) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8));
            return new RedisScript(name, lua, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
