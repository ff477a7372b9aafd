package io.touchline.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.export.SpanPipeline;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.SelfMetrics;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * Turns the configured touchpoints into Byte Buddy transformations: the advice is woven into the
 * matched methods without changing any class's shape, so classes loaded before the agent can be
 * retransformed too.
 */
public final class TouchpointInstaller {

  private static final java.util.concurrent.atomic.AtomicLong TRANSFORMATION_ERRORS =
      new java.util.concurrent.atomic.AtomicLong();

  static final int RETRANSFORM_BATCH = 50;
  static final long RETRANSFORM_PAUSE_MILLIS = 5;

  private TouchpointInstaller() {}

  /** Classes Byte Buddy could not weave since start: tests fail when one was not expected. */
  public static long transformationErrors() {
    return TRANSFORMATION_ERRORS.get();
  }

  /**
   * Weaves the config's touchpoints, one transformer per touchpoint, so that a reload can weave or
   * unweave one touchpoint without touching the others' classes.
   */
  public static InstalledTouchpoints install(
      AgentConfig config, SpanPipeline pipeline, Instrumentation instrumentation) {
    // Advice needs no class injection. Without this, building the AgentBuilder probes
    // sun.misc.Unsafe, and Java 24+ then prints a deprecation warning into the application's
    // stderr. The property name is relocated with Byte Buddy, so it only concerns our copy.
    System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
    InstalledTouchpoints installed = new InstalledTouchpoints(pipeline, instrumentation);
    installed.apply(config);
    return installed;
  }

  /** Weaves one touchpoint's methods, its advice calling the handler in {@code slot}. */
  static ResettableClassFileTransformer weave(
      TouchpointDefinition touchpoint, int slot, Instrumentation instrumentation) {
    AsmVisitorWrapper advice =
        Advice.withCustomMapping()
            .bind(TouchpointId.class, slot)
            .to(TouchpointAdvice.class)
            .on(
                // Last: only methods selected otherwise are checked against the paths.
                TypeMatchers.forMethods(touchpoint).and(new ValidPaths(touchpoint)));
    return new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // Classes loaded before the agent (all of an application's when it is attached to a
        // running JVM) are rewoven a few at a time with a short pause between batches, so
        // that requests being served never wait for one long safepoint.
        .with(
            AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORM_BATCH))
        .with(
            AgentBuilder.RedefinitionStrategy.Listener.Pausing.of(
                RETRANSFORM_PAUSE_MILLIS, TimeUnit.MILLISECONDS))
        .with(new TransformationLog())
        // Bootstrap classes cannot see the agent's dispatch class; our own and Byte Buddy's
        // classes must never be woven.
        .ignore(nameStartsWith("io.touchline.agent."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(isSynthetic())
        .or(GeneratedClasses.matcher())
        .or(net.bytebuddy.matcher.ElementMatchers.any(), isBootstrapClassLoader())
        .type(TypeMatchers.forTouchpoint(touchpoint))
        .transform(new AdviceTransformer(advice))
        .installOn(instrumentation);
  }

  private static final class AdviceTransformer implements AgentBuilder.Transformer {
    private final AsmVisitorWrapper advice;

    AdviceTransformer(AsmVisitorWrapper advice) {
      this.advice = advice;
    }

    @Override
    public DynamicType.Builder<?> transform(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader classLoader,
        JavaModule module,
        java.security.ProtectionDomain protectionDomain) {
      return builder.visit(advice);
    }
  }

  /** Says which classes were woven, and why one could not be: what an admin checks first. */
  private static final class TransformationLog extends AgentBuilder.Listener.Adapter {
    private static final java.util.Set<String> WOVEN =
        java.util.Collections.newSetFromMap(
            new java.util.concurrent.ConcurrentHashMap<String, Boolean>());

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      // Each touchpoint has its own transformer: a class two of them match is woven twice, and
      // counted and logged once.
      String id = type.getName() + "@" + System.identityHashCode(classLoader);
      if (WOVEN.add(id)) {
        SelfMetrics.classMatched();
        AgentLog.info("instrumented " + type.getName());
      }
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable error) {
      TRANSFORMATION_ERRORS.incrementAndGet();
      AgentLog.warn("could not instrument " + typeName, error);
    }
  }
}
