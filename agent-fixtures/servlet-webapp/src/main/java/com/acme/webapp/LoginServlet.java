package com.acme.webapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /login?email=…}: logs the customer in and answers their customer number and the class
 * loader.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

  private final AccountService accounts = new AccountService();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    try {
      String customer = accounts.login(request.getParameter("email"));
      response
          .getWriter()
          .println(customer + " " + AccountService.class.getClassLoader().getClass().getName());
    } catch (IllegalArgumentException e) {
      response.setStatus(400);
      response.getWriter().println(e.getMessage());
    }
  }
}
