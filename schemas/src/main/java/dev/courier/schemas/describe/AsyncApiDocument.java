package dev.courier.schemas.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.MessageFamily;
import dev.courier.schemas.json.JsonSchemas;
import dev.courier.schemas.kafka.ContentTypes;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.topic.Topics;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Courier's topics as AsyncAPI 3.0, generated from the topic descriptors and message families:
 * for each topic its key, the headers its records carry, and each message in each encoding it
 * takes (Avro single-object encoding, its payload given as the Avro schema itself; JSON, with the
 * JSON Schema of the form the intake reads), and what a producer and a consumer do with it. The
 * same document is shipped as {@code docs/asyncapi.json} (a test keeps it current) and served by the
 * gateway at {@code /asyncapi.json}.
 */
public final class AsyncApiDocument {

    private static final String AVRO_SCHEMA_FORMAT = "application/vnd.apache.avro;version=1.9.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One topic: its channel id, what it holds, how it is keyed, and whether its messages may be JSON too. */
    private record Channel(String id, String address, MessageFamily<? extends SpecificRecord> family, String description, String key,
                           boolean json, String action, String headers) {
    }

    private static final List<Channel> CHANNELS = List.of(
            new Channel("blogCommands", Topics.BLOG_COMMANDS.name(), Messages.BLOG_COMMANDS,
                    "Commands to the blog service, from the gateway or any producer.", "the post id", true, "send", "CommandHeaders"),
            new Channel("userCommands", Topics.USER_COMMANDS.name(), Messages.USER_COMMANDS,
                    "Commands to the user service.", "the user id", true, "send", "CommandHeaders"),
            new Channel("analyticsQueries", Topics.ANALYTICS_QUERIES.name(), Messages.ANALYTICS_QUERIES,
                    "Queries the streams processors answer from their views.", "the author id, the route (* for all) or the source topic",
                    true, "send", "CommandHeaders"),
            new Channel("replies", Topics.REPLIES.name(), Messages.REPLIES,
                    "One reply per command that named a reply-to, on the partition it named.", "the request id", false, "receive",
                    "ReplyHeaders"),
            new Channel("blogEvents", Topics.BLOG_EVENTS.name(), Messages.BLOG_EVENTS,
                    "What happened to posts, after it happened.", "the post id", false, "receive", "EventHeaders"),
            new Channel("userEvents", Topics.USER_EVENTS.name(), Messages.USER_EVENTS,
                    "What happened to users.", "the user id", false, "receive", "EventHeaders"),
            new Channel("accessRecords", Topics.ACCESS_RECORDS.name(), Messages.ACCESS_RECORDS,
                    "One record per request a gateway answered, for the route analytics.", "route/status class, e.g. create-post/2xx",
                    false, "receive", null));

    private static final List<String> DEAD_LETTERS = List.of(Topics.BLOG_COMMANDS_DLQ.name(), Topics.USER_COMMANDS_DLQ.name(),
            Topics.ANALYTICS_DLQ.name());

    private AsyncApiDocument() {
    }

    public static ObjectNode of(String version) {
        JsonSchemas schemas = new JsonSchemas("#/components/schemas/");
        ObjectNode document = NODES.objectNode().put("asyncapi", "3.0.0");
        document.putObject("info").put("title", "Courier topics").put("version", version)
                .put("description", "The Kafka topics of Courier: commands in, replies and events out, dead letters aside. "
                        + "Keys and header values are UTF-8 strings.");
        document.put("defaultContentType", ContentTypes.AVRO);
        document.putObject("servers").putObject("local").put("host", "127.0.0.1:9092").put("protocol", "kafka")
                .put("description", "The broker ./courier starts");
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = NODES.objectNode();
        ObjectNode messages = components.putObject("messages");
        for (Channel channel : CHANNELS) {
            ObjectNode item = channels.putObject(channel.id()).put("address", channel.address()).put("description", channel.description());
            ObjectNode channelMessages = item.putObject("messages");
            ArrayNode operationMessages = NODES.arrayNode();
            for (Class<? extends SpecificRecord> type : channel.family().members()) {
                Schema schema = MessageFamily.schemaOf(type);
                String name = type.getSimpleName();
                messages.set(name, avroMessage(schema, channel));
                channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
                operationMessages.addObject().put("$ref", "#/channels/" + channel.id() + "/messages/" + name);
                if (channel.json()) {
                    messages.set(name + "Json", jsonMessage(schema, channel, schemas));
                    channelMessages.putObject(name + "Json").put("$ref", "#/components/messages/" + name + "Json");
                    operationMessages.addObject().put("$ref", "#/channels/" + channel.id() + "/messages/" + name + "Json");
                }
            }
            ObjectNode operation = operations.putObject(channel.action() + capitalized(channel.id())).put("action", channel.action());
            operation.putObject("channel").put("$ref", "#/channels/" + channel.id());
            operation.set("messages", operationMessages);
        }
        for (String address : DEAD_LETTERS) {
            String id = address.replace("courier.", "").replace(".", "-");
            ObjectNode item = channels.putObject(id).put("address", address)
                    .put("description", "Records that could not be handled, copied with their key, value and headers, plus why.");
            item.putObject("messages").putObject("DeadLetter").put("$ref", "#/components/messages/DeadLetter");
            ObjectNode operation = operations.putObject("receive" + capitalized(id.replace("-", ""))).put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + id);
            operation.putArray("messages").addObject().put("$ref", "#/channels/" + id + "/messages/DeadLetter");
        }
        messages.set("DeadLetter", deadLetter());
        ObjectNode definitions = components.putObject("schemas");
        schemas.definitions().forEach(definitions::set);
        definitions.set("CommandHeaders", commandHeaders(null));
        definitions.set("ReplyHeaders", headers(List.of(CourierHeaders.REQUEST_ID, CourierHeaders.CORRELATION_ID, CourierHeaders.TRACEPARENT),
                List.of(CourierHeaders.REQUEST_ID)));
        definitions.set("EventHeaders", headers(List.of(CourierHeaders.CORRELATION_ID, CourierHeaders.TRACEPARENT), List.of()));
        document.set("components", components);
        return document;
    }

    private static ObjectNode avroMessage(Schema schema, Channel channel) {
        ObjectNode message = NODES.objectNode().put("name", schema.getName()).put("title", schema.getName() + " (Avro)")
                .put("contentType", ContentTypes.AVRO);
        if (schema.getDoc() != null) {
            message.put("summary", schema.getDoc());
        }
        if (channel.headers() != null) {
            message.putObject("headers").put("$ref", "#/components/schemas/" + channel.headers());
        }
        message.putObject("payload").put("schemaFormat", AVRO_SCHEMA_FORMAT).set("schema", avro(schema));
        message.set("bindings", key(channel));
        return message;
    }

    private static ObjectNode jsonMessage(Schema schema, Channel channel, JsonSchemas schemas) {
        ObjectNode message = NODES.objectNode().put("name", schema.getName()).put("title", schema.getName() + " (JSON)")
                .put("contentType", ContentTypes.JSON);
        message.set("headers", commandHeaders(schema.getFullName()));
        message.set("payload", schemas.ref(schema));
        message.set("bindings", key(channel));
        return message;
    }

    private static ObjectNode deadLetter() {
        ObjectNode message = NODES.objectNode().put("name", "DeadLetter").put("title", "A dead letter")
                .put("contentType", "application/octet-stream")
                .put("summary", "The original record's key and value as they were; its headers, plus these.");
        message.set("headers", headers(List.of(CourierHeaders.DLQ_ERROR_CLASS, CourierHeaders.DLQ_ERROR_MESSAGE, CourierHeaders.DLQ_SOURCE_TOPIC,
                CourierHeaders.DLQ_SOURCE_PARTITION, CourierHeaders.DLQ_SOURCE_OFFSET), List.of(CourierHeaders.DLQ_ERROR_CLASS,
                CourierHeaders.DLQ_SOURCE_TOPIC, CourierHeaders.DLQ_SOURCE_PARTITION, CourierHeaders.DLQ_SOURCE_OFFSET)));
        message.putObject("payload").put("type", "string").put("contentEncoding", "base64")
                .put("description", "the original value, whatever it was");
        return message;
    }

    /** The headers of a command; for JSON, {@code content-type} and the message's full name are required. */
    private static ObjectNode commandHeaders(String jsonMessageType) {
        ObjectNode headers = headers(List.of(CourierHeaders.REQUEST_ID, CourierHeaders.PRINCIPAL, CourierHeaders.REPLY_TO,
                CourierHeaders.CORRELATION_ID, CourierHeaders.TRACEPARENT, CourierHeaders.CONTENT_TYPE), List.of(CourierHeaders.REQUEST_ID));
        ObjectNode properties = (ObjectNode) headers.get("properties");
        ((ObjectNode) properties.get(CourierHeaders.REQUEST_ID)).put("minLength", 1).put("maxLength", 128)
                .put("description", "unique per intended effect: the idempotency key");
        ((ObjectNode) properties.get(CourierHeaders.REPLY_TO)).put("description", "topic or topic:partition; without it, no reply");
        ((ObjectNode) properties.get(CourierHeaders.PRINCIPAL)).put("description", "on whose behalf the command acts");
        if (jsonMessageType == null) {
            ((ObjectNode) properties.get(CourierHeaders.CONTENT_TYPE)).putArray("enum").add(ContentTypes.AVRO);
            return headers;
        }
        ((ObjectNode) properties.get(CourierHeaders.CONTENT_TYPE)).put("const", ContentTypes.JSON);
        properties.putObject(CourierHeaders.MESSAGE_TYPE).put("type", "string").put("const", jsonMessageType);
        ((ArrayNode) headers.get("required")).add(CourierHeaders.CONTENT_TYPE).add(CourierHeaders.MESSAGE_TYPE);
        return headers;
    }

    private static ObjectNode headers(List<String> names, List<String> required) {
        ObjectNode headers = NODES.objectNode().put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        names.forEach(name -> properties.putObject(name).put("type", "string"));
        ArrayNode list = headers.putArray("required");
        required.forEach(list::add);
        return headers;
    }

    private static ObjectNode key(Channel channel) {
        ObjectNode bindings = NODES.objectNode();
        ObjectNode kafka = bindings.putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", channel.key());
        kafka.put("bindingVersion", "0.5.0");
        return bindings;
    }

    private static ObjectNode avro(Schema schema) {
        try {
            return (ObjectNode) JSON.readTree(schema.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Avro schema is JSON", e);
        }
    }

    private static String capitalized(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
