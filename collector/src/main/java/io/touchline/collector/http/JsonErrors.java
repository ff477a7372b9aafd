package io.touchline.collector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers the server gives itself, before or after a handler (431, 414, a 400 for a request it
 * cannot parse, a 500 for a connection a handler left broken): in the API's error shape, {@code
 * {"error": "…"}}, rather than Jetty's HTML page, and without the exception's text for a 5xx.
 */
final class JsonErrors implements Request.Handler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int status =
        request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : 500;
    String reason = HttpStatus.getMessage(status);
    String message =
        request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String text ? text : null;
    String error =
        status >= 500 || message == null || message.equals(reason)
            ? reason
            : reason + ": " + message;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(Map.of("error", error))), callback);
    return true;
  }
}
