package dev.kasa.node.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a malformed request line or header, a bad URI) as TAXII error
 * messages, so that no response of the node is an HTML page.
 */
final class TaxiiErrorPages extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemStatus.TAXII_JSON);
    response.write(
        true,
        ByteBuffer.wrap(ProblemStatus.body(code, ProblemStatus.title(code), safe(message))),
        callback);
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause)
      throws IOException {
    generateResponse(request, response, code, message, cause, callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ProblemStatus.TAXII_JSON));
    return ByteBuffer.wrap(ProblemStatus.body(status, ProblemStatus.title(status), safe(reason)));
  }

  // Jetty's messages name the problem (e.g. "Illegal character"), never a credential.
  private static String safe(String message) {
    return message == null ? null : message.length() > 200 ? message.substring(0, 200) : message;
  }
}
