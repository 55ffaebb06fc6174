package dev.courier.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreateUser;
import dev.courier.command.GetPost;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class CommandCodecsTest {

    private final CommandCodecs codecs = new CommandCodecs();

    @Test
    void shouldEncodeEachCommandWithItsOwnFamilysCodec() {
        GetPost blog = new GetPost("p-1");

        byte[] encoded = codecs.encode(blog);

        DecodeResult<SpecificRecord> decoded = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released()).decode(encoded);
        assertThat(decoded).isEqualTo(DecodeResult.decoded(blog));
        assertThat(new SingleObjectCodec<>(Messages.USER_COMMANDS, SchemaCatalog.released()).decode(encoded))
                .as("a blog command is not a user command").isInstanceOf(DecodeResult.Undecodable.class);
    }

    @Test
    void shouldEncodeUserCommandsToo() {
        CreateUser user = CreateUser.newBuilder().setUserId("u-1").setUsername("alice").setPassword("correct horse").build();

        DecodeResult<SpecificRecord> decoded = new SingleObjectCodec<>(Messages.USER_COMMANDS, SchemaCatalog.released())
                .decode(codecs.encode(user));

        assertThat(decoded).isEqualTo(DecodeResult.decoded(user));
    }
}
