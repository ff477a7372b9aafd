package io.touchline.agent.instrument;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.export.SpanPipeline;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * The touchpoints woven into this JVM, each in a slot its advice calls by number, and how a new
 * config replaces them. A touchpoint whose matchers did not change keeps its slot and its weaving:
 * only its handler (keys, attributes, {@code when}, channel, rate cap, config version) is swapped,
 * which {@link TouchpointDispatch} sees at the next call. A touchpoint switched off keeps its
 * weaving too, idle. Only a touchpoint with new matchers is woven, and only one no longer in the
 * config is unwoven: each retransforms its own classes alone.
 */
public final class InstalledTouchpoints {

  /** What a reload did. */
  public static final class Change {
    public final int swapped;
    public final int woven;
    public final int unwoven;

    Change(int swapped, int woven, int unwoven) {
      this.swapped = swapped;
      this.woven = woven;
      this.unwoven = unwoven;
    }

    @Override
    public String toString() {
      return swapped
          + " touchpoint(s) updated in place, "
          + woven
          + " woven, "
          + unwoven
          + " unwoven";
    }
  }

  private static final class Slot {
    final int number;
    final ResettableClassFileTransformer transformer;

    Slot(int number, ResettableClassFileTransformer transformer) {
      this.number = number;
      this.transformer = transformer;
    }
  }

  private final SpanPipeline pipeline;
  private final Instrumentation instrumentation;

  /** By matcher signature ({@link TouchpointDefinition#matcherSignature}). */
  private final Map<String, Slot> slots = new HashMap<>();

  private TouchpointHandler[] handlers = new TouchpointHandler[0];

  InstalledTouchpoints(SpanPipeline pipeline, Instrumentation instrumentation) {
    this.pipeline = pipeline;
    this.instrumentation = instrumentation;
  }

  /** Makes {@code config} the one in force; returns what that took. One caller at a time. */
  public synchronized Change apply(AgentConfig config) {
    int swapped = 0;
    int woven = 0;
    int unwoven = 0;
    List<TouchpointHandler> next = new ArrayList<>(java.util.Arrays.asList(handlers));
    Set<String> present = new HashSet<>();
    for (TouchpointDefinition touchpoint : config.disabledTouchpoints()) {
      String signature = touchpoint.matcherSignature();
      present.add(signature);
      Slot slot = slots.get(signature);
      if (slot != null) {
        next.set(slot.number, null); // idle: woven still, recording nothing
        swapped++;
      }
    }
    for (TouchpointDefinition touchpoint : config.touchpoints()) {
      String signature = touchpoint.matcherSignature();
      if (!present.add(signature)) {
        continue; // the same touchpoint twice: the first one counts
      }
      TouchpointHandler handler = new TouchpointHandler(touchpoint, config.version(), pipeline);
      Slot slot = slots.get(signature);
      if (slot != null) {
        next.set(slot.number, handler);
        swapped++;
        continue;
      }
      int number = next.size();
      next.add(handler);
      // The handler must be in place before the first woven call can reach it.
      handlers = next.toArray(new TouchpointHandler[0]);
      TouchpointDispatch.install(handlers, NanoClock.SYSTEM);
      slots.put(
          signature,
          new Slot(number, TouchpointInstaller.weave(touchpoint, number, instrumentation)));
      woven++;
    }
    for (java.util.Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Slot> entry = it.next();
      if (!present.contains(entry.getKey())) {
        next.set(entry.getValue().number, null);
        entry
            .getValue()
            .transformer
            .reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        it.remove();
        unwoven++;
      }
    }
    handlers = next.toArray(new TouchpointHandler[0]);
    TouchpointDispatch.install(handlers, NanoClock.SYSTEM);
    return new Change(swapped, woven, unwoven);
  }

  /** Unweaves every touchpoint (tests). */
  public synchronized void reset() {
    for (Slot slot : slots.values()) {
      slot.transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }
    slots.clear();
    handlers = new TouchpointHandler[0];
    TouchpointDispatch.install(handlers, NanoClock.SYSTEM);
  }
}
