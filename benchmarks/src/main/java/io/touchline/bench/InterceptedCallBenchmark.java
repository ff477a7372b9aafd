package io.touchline.bench;

import com.acme.bench.Account;
import com.acme.bench.Accounts;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One call of an instrumented method. Which agent (if any) is attached is decided by the JVM
 * arguments of the fork, set by {@link AgentOverhead}; the benchmark itself is the same for all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterceptedCallBenchmark {

  private final Accounts accounts = new Accounts();
  private final String email = "Alice.Martin@Example.com";
  private final String session = "6f1c2a3e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

  @Benchmark
  public Account login() {
    return accounts.login(email, session);
  }
}
