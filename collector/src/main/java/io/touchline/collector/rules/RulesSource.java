package io.touchline.collector.rules;

import io.touchline.collector.log.CollectorLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The rules in force, from a file that may change while the collector runs. Loaded once at start (a
 * file that does not load stops the start); then the file is read every second and, when its bytes
 * changed, loaded again: a good file replaces the rules and the log says which versions changed; a
 * broken one keeps the rules in force and the log says why, once per version of the file. Polling
 * sees every way a file gets replaced (an editor's rename, a ConfigMap's symlink swap) where file
 * events miss some, and a rules file is small.
 */
public final class RulesSource implements AutoCloseable {

  static final long POLL_SECONDS = 1;

  /** Why the file as it is now is not in force. */
  public record LoadError(Instant at, List<String> problems) {}

  private final Path file;
  private final RulesLoader loader;
  private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();
  private volatile RuleSet current;
  private volatile LoadError lastError;
  private byte[] seen;
  private ScheduledFuture<?> watch;

  private RulesSource(Path file, RulesLoader loader, RuleSet current, byte[] seen) {
    this.file = file;
    this.loader = loader;
    this.current = current;
    this.seen = seen;
  }

  /**
   * Loads the file: the rules in force from now on.
   *
   * @throws RulesException when it does not load; nothing is watched then
   */
  public static RulesSource load(Path file, RulesLoader loader) throws RulesException {
    byte[] bytes = read(file);
    RuleSet rules = loader.load(file);
    return new RulesSource(file, loader, rules, bytes == null ? null : digest(bytes));
  }

  /** Watches the file every second on {@code scheduler} (the caller's thread, named and owned). */
  public synchronized void watch(ScheduledExecutorService scheduler) {
    if (watch == null) {
      watch =
          scheduler.scheduleWithFixedDelay(
              this::checkSafely, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** The rules in force: those of the last version of the file that loaded. */
  public RuleSet current() {
    return current;
  }

  /** Why the file as it is now is not in force, if it is not; empty once a good file is in. */
  public Optional<LoadError> lastError() {
    return Optional.ofNullable(lastError);
  }

  public Path file() {
    return file;
  }

  /** Tells {@code listener} each new set put in force (not the one in force now). */
  public void onChange(Consumer<RuleSet> listener) {
    listeners.add(listener);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException | Error e) {
      // The schedule must go on: a watch that died would leave the file unwatched, silently.
      CollectorLog.error("the rules file watch failed; the rules in force stay", e);
    }
  }

  /** Loads the file again if its bytes changed since the last look. */
  synchronized void check() {
    byte[] bytes = read(file);
    if (bytes == null) {
      if (seen != null) {
        seen = null;
        problem(List.of(file + ": cannot read the rules file; the rules in force stay"));
      }
      return;
    }
    byte[] digest = digest(bytes);
    if (Arrays.equals(digest, seen)) {
      return;
    }
    seen = digest;
    RuleSet next;
    try {
      next =
          loader.parse(file.toString(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    } catch (RulesException e) {
      problem(e.problems());
      return;
    }
    RuleSet previous = current;
    current = next;
    lastError = null;
    CollectorLog.info("rules " + file + " reloaded: " + changes(previous, next));
    listeners.forEach(listener -> listener.accept(next));
  }

  private void problem(List<String> problems) {
    lastError = new LoadError(Instant.now(), problems);
    CollectorLog.error(
        "rules "
            + file
            + " changed but cannot be used; the rules loaded at "
            + current.loadedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + " stay in force:");
    problems.forEach(CollectorLog::error);
  }

  /**
   * What changed, rule by rule: {@code cart-reminder 1a2b3c4d5e6f -> 0f9e8d7c6b5a, new callback
   * 123456789abc, removed old-rule, reminder now shadow} (a mode is no new version).
   */
  static String changes(RuleSet previous, RuleSet next) {
    List<String> changes = new ArrayList<>();
    for (Rule rule : next.rules()) {
      Optional<Rule> old = previous.rule(rule.name());
      if (old.isEmpty()) {
        changes.add("new " + rule.name() + " " + rule.version());
      } else if (!old.get().version().equals(rule.version())) {
        changes.add(rule.name() + " " + old.get().version() + " -> " + rule.version());
      } else if (old.get().mode() != rule.mode()) {
        changes.add(rule.name() + " now " + rule.mode().label());
      }
    }
    for (Rule rule : previous.rules()) {
      if (next.rule(rule.name()).isEmpty()) {
        changes.add("removed " + rule.name());
      }
    }
    return changes.isEmpty()
        ? "no rule changed (" + next.rules().size() + " rules)"
        : String.join(", ", changes);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // being replaced, or unreadable for a moment: the next look tells
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (watch != null) {
      watch.cancel(false);
    }
  }
}
