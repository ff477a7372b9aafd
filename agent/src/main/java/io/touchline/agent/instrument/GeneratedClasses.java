package io.touchline.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Classes that frameworks generate around the application's own: Spring's CGLIB subclasses,
 * Hibernate's and Mockito's proxies, lambdas. They override or forward to the application's method,
 * which is woven already, so weaving them too would record one call twice (a {@code subtypeOf} or a
 * wide {@code class} pattern matches them). Recognised by the names their generators give them;
 * none of them is code an admin means to intercept.
 */
final class GeneratedClasses {

  /** Name fragments of generated classes, each specific to one generator. */
  private static final String[] MARKERS = {
    "$$SpringCGLIB$$", // Spring 6+
    "$$EnhancerBySpringCGLIB$$", // Spring 5 and earlier
    "$$FastClassBySpringCGLIB$$",
    "$$EnhancerByCGLIB$$", // plain CGLIB
    "$HibernateProxy$", // Hibernate 5.3+ (Byte Buddy proxies)
    "_$$_jvst", // Hibernate with Javassist, and other Javassist proxies
    "$MockitoMock$",
    "$ByteBuddy$",
    "$$Lambda", // lambdas and method references (hidden classes, which cannot be woven anyway)
  };

  // JDK dynamic proxies ($Proxy12) are woven: some interfaces have no other implementation (a
  // Spring Data repository is one), and where the proxy forwards to a woven class, the call
  // records once anyway, at the innermost frame (CallStack#covered).

  private GeneratedClasses() {}

  static boolean isGenerated(String className) {
    for (String marker : MARKERS) {
      if (className.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  static ElementMatcher.Junction<TypeDescription> matcher() {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        return isGenerated(type.getName());
      }
    };
  }
}
