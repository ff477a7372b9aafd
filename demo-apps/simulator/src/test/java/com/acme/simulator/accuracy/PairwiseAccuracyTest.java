package com.acme.simulator.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairwiseAccuracyTest {

  @Test
  void countsPairsOfTouchpointsAgainstTheTruth() {
    PairwiseAccuracy accuracy = new PairwiseAccuracy();
    // Profile p1 wrongly holds one of Bea's touchpoints beside three of Ann's; Bea's other two are
    // in p2; Cy has one touchpoint alone; one touchpoint had no key.
    accuracy.attributed("p1", "ann");
    accuracy.attributed("p1", "ann");
    accuracy.attributed("p1", "ann");
    accuracy.attributed("p1", "bea");
    accuracy.attributed("p2", "bea");
    accuracy.attributed("p2", "bea");
    accuracy.attributed("p3", "cy");
    accuracy.unattributed();

    PairwiseAccuracy.Result result = accuracy.result();

    // Correct pairs: Ann's three in p1 (3) and Bea's two in p2 (1). Predicted: p1 (6), p2 (1).
    // Truth: Ann (3), Bea (3), Cy (0).
    assertThat(result.correctPairs()).isEqualTo(4);
    assertThat(result.predictedPairs()).isEqualTo(7);
    assertThat(result.truthPairs()).isEqualTo(6);
    assertThat(result.precision()).isCloseTo(4 / 7.0, within(1e-12));
    assertThat(result.recall()).isCloseTo(4 / 6.0, within(1e-12));
    assertThat(result.coverage()).isCloseTo(7 / 8.0, within(1e-12));
    assertThat(result.mixedProfiles()).isEqualTo(1);
    assertThat(result.splitCustomers()).isEqualTo(1);
    assertThat(result.profiles()).isEqualTo(3);
    assertThat(result.customers()).isEqualTo(3);
  }

  @Test
  void aPerfectPartitionScoresOne() {
    PairwiseAccuracy accuracy = new PairwiseAccuracy();
    accuracy.attributed("p1", "ann");
    accuracy.attributed("p1", "ann");
    accuracy.attributed("p2", "bea");
    PairwiseAccuracy.Result result = accuracy.result();
    assertThat(result.precision()).isEqualTo(1.0);
    assertThat(result.recall()).isEqualTo(1.0);
    assertThat(result.coverage()).isEqualTo(1.0);
  }

  @Test
  void aTruthLineWithoutItsCustomerNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    Files.writeString(
        truth,
        """
        {"interaction":"i-1-1","customer":"C-100001","channel":"web","touchpoints":["login"]}
        {"interaction":"i-1-2","channel":"web","touchpoints":[]}
        """);
    assertThatThrownBy(() -> TruthFile.read(truth))
        .hasMessage(truth + ":2: field 'customer' is missing or not a string");
  }

  @Test
  void theTruthSaysWhichTouchpointsEachChannelShouldHave(@TempDir Path dir) throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    Files.writeString(
        truth,
        """
        {"interaction":"i-1-1","customer":"C-100001","channel":"web","touchpoints":["order.placed","payment.declined"]}
        {"interaction":"i-1-2","customer":"C-100001","channel":"call-center","touchpoints":["call.received"]}
        {"interaction":"i-1-3","customer":"C-100002","channel":"web","touchpoints":[]}
        """);
    TruthFile file = TruthFile.read(truth);
    assertThat(file.interactions()).isEqualTo(3);
    assertThat(file.expectedPerChannel()).containsEntry("web", 2L).containsEntry("call-center", 1L);
    assertThat(file.find("i-1-2").customer()).isEqualTo("C-100001");
  }
}
