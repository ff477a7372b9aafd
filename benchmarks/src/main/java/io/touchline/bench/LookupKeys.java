package io.touchline.bench;

import com.acme.simulator.population.Person;
import io.touchline.bench.journeys.GeneratedSpan;
import io.touchline.bench.journeys.JourneyHistory;
import io.touchline.keys.Normalization;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** The keys a lookup load asks the collector for, and what each answer should hold. */
interface LookupKeys {

  /**
   * One key to look up.
   *
   * @param key {@code type:value} as {@code GET /api/profiles?key=} takes it
   * @param expectedTouchpoints the profile's touchpoints when they are known, else -1
   */
  record Key(String key, long expectedTouchpoints) {}

  Key next(SplittableRandom random);

  /** The statuses that count as answers; anything else is a failure. */
  Set<Integer> acceptedStatuses();

  /**
   * {@link LoadData}'s customers, by {@code customer_id} and a share by {@code email}: every answer
   * is 200 and holds every touchpoint of its customer.
   */
  static LookupKeys uniform(LoadData data, double emailShare) {
    return new LookupKeys() {
      @Override
      public Key next(SplittableRandom random) {
        long slot = random.nextLong(data.existingCustomers());
        int customer = data.customerOfSlot(slot);
        String key =
            random.nextDouble() < emailShare
                ? "email:" + LoadData.email(customer)
                : "customer_id:" + LoadData.customerId(customer);
        return new Key(key, data.touchpointsOfSlot(slot));
      }

      @Override
      public Set<Integer> acceptedStatuses() {
        return Set.of(200);
      }
    };
  }

  /**
   * Keys the journey generator's history sent, as an analyst or the call center would ask for them:
   * customer numbers, a share by e-mail and by phone, each of a customer on whose own touchpoints
   * that key was sent (so the collector knows it). What a profile holds depends on how the journeys
   * linked, so only the status is checked: 200, or 409 for a household's shared phone. Finding the
   * keys replays the history (without encoding it).
   */
  static LookupKeys realistic(JourneyHistory history, double emailShare, double phoneShare) {
    List<Person> people = history.population();
    Map<String, Integer> byNumber = new HashMap<>();
    for (int i = 0; i < people.size(); i++) {
      byNumber.put(people.get(i).customerNumber(), i);
    }
    BitSet withCustomerId = new BitSet();
    BitSet withEmail = new BitSet();
    BitSet withPhone = new BitSet();
    history
        .interactions()
        .forEachRemaining(
            interaction -> {
              Person actor = interaction.actor();
              int index = byNumber.get(actor.customerNumber());
              for (GeneratedSpan span : interaction.spans()) {
                Map<String, List<String>> keys = span.keys();
                if (keys.getOrDefault("customer_id", List.of()).contains(actor.customerNumber())) {
                  withCustomerId.set(index);
                }
                if (keys.getOrDefault("email", List.of()).contains(actor.email())) {
                  withEmail.set(index);
                }
                if (keys.getOrDefault("phone", List.of())
                    .contains(Normalization.normalize("phone", actor.phone()))) {
                  withPhone.set(index);
                }
              }
            });
    int[] customerIds = withCustomerId.stream().toArray();
    int[] emails = withEmail.stream().toArray();
    int[] phones = withPhone.stream().toArray();
    if (customerIds.length == 0) {
      throw new IllegalStateException("the history sent no customer number to look up");
    }
    return new LookupKeys() {
      @Override
      public Key next(SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < emailShare && emails.length > 0) {
          return new Key("email:" + pick(emails, random).email(), -1);
        }
        if (draw < emailShare + phoneShare && phones.length > 0) {
          return new Key("phone:" + pick(phones, random).phone(), -1);
        }
        return new Key("customer_id:" + pick(customerIds, random).customerNumber(), -1);
      }

      private Person pick(int[] indexes, SplittableRandom random) {
        return people.get(indexes[random.nextInt(indexes.length)]);
      }

      @Override
      public Set<Integer> acceptedStatuses() {
        return Set.of(200, 409);
      }
    };
  }
}
