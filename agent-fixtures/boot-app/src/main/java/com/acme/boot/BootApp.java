package com.acme.boot;

import com.acme.boot.accounts.AccountService;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Logs in the customers named on the command line through a {@code @Lazy} AccountService, which
 * Spring serves as a CGLIB subclass ({@code AccountService$$SpringCGLIB$$0}) forwarding to the real
 * bean, and prints what it did.
 */
@SpringBootApplication
public class BootApp {

  public static void main(String[] args) {
    SpringApplication.run(BootApp.class, args).close();
  }

  @Bean
  AccountService accountService() {
    return new AccountService();
  }

  @Bean
  CommandLineRunner loginEveryone(@Lazy AccountService accounts) {
    return args -> {
      System.out.println("account service class: " + accounts.getClass().getName());
      System.out.println(
          "loaded by: " + AccountService.class.getClassLoader().getClass().getName());
      for (String email : args) {
        System.out.println("logged in " + accounts.login(email));
      }
    };
  }
}
