package io.touchline.collector.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The response to one request, whatever server sends it: headers first, then the status with either
 * a whole body or a stream of one. The server's adapter implements it.
 */
interface ApiResponse extends AutoCloseable {

  /** Sets a header, replacing any of that name; only before the status is sent. */
  void header(String name, String value);

  /** Sends the status and the whole body. */
  void send(int status, byte[] body) throws IOException;

  /**
   * Sends the status and returns the body to write, of a length not known beforehand (the metrics'
   * text, an event stream). Closing the stream or the response ends the response.
   */
  OutputStream stream(int status) throws IOException;

  /** The status sent; 0 while none is. */
  int status();

  /** Ends the response; once ended, closing again does nothing. */
  @Override
  void close();
}
