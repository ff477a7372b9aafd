package io.touchline.collector.web;

import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.Step;
import io.touchline.collector.query.views.AttributionQuery;
import io.touchline.collector.query.views.CatalogQuery;
import io.touchline.collector.query.views.FlowQuery;
import io.touchline.collector.query.views.FunnelQuery;
import io.touchline.collector.query.views.OffsetCursor;
import io.touchline.collector.query.views.OverviewQuery;
import io.touchline.collector.query.views.PainPointQuery;
import io.touchline.collector.query.views.PathQuery;
import java.time.Duration;
import java.util.List;

/** The analyst views' handlers: their parameters read and checked, their answers computed. */
final class ViewEndpoints {

  private static final int MAX_STEPS = 10;
  private static final int CUSTOMERS_PAGE = 50;

  private final CatalogQuery catalog;
  private final OverviewQuery overview;
  private final FlowQuery flows;
  private final FunnelQuery funnels;
  private final PathQuery paths;
  private final PainPointQuery painPoints;
  private final AttributionQuery attribution;
  private final FunnelQuery.ProfileIds profileIds;

  ViewEndpoints(Journeys journeys, CatalogQuery catalog, FunnelQuery.ProfileIds profileIds) {
    this.catalog = catalog;
    this.overview = new OverviewQuery(journeys);
    this.flows = new FlowQuery(journeys);
    this.funnels = new FunnelQuery(journeys);
    this.paths = new PathQuery(journeys);
    this.painPoints = new PainPointQuery(journeys);
    this.attribution = new AttributionQuery(journeys);
    this.profileIds = profileIds;
  }

  CatalogQuery.CatalogView catalog(ApiRequest request) {
    return catalog.catalog();
  }

  CatalogQuery.SegmentsView segments(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    String attribute = q.text("attribute");
    if (attribute == null) {
      throw new ApiException(400, "attribute is required, e.g. attribute=customer.tier");
    }
    return catalog.segments(attribute, q.filter());
  }

  OverviewQuery.OverviewView overview(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    String bucket = q.choice("bucket", "auto", "second", "minute", "hour", "day");
    try {
      return overview.overview(
          q.filter(),
          bucket.equals("auto") ? null : OverviewQuery.Bucket.valueOf(bucket.toUpperCase()),
          q.zone());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage()); // a bucket that would give too many points
    }
  }

  FlowQuery.FlowView flows(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    return flows.flows(
        new FlowQuery.Request(
            q.filter(),
            q.choice("by", "channel", "touchpoint"),
            q.optionalStep("start"),
            q.optionalStep("end"),
            q.number("depth", 5, 2, 10),
            q.number("minCount", 1, 1, Integer.MAX_VALUE)));
  }

  FunnelQuery.FunnelView funnel(ApiRequest request) {
    return funnels.funnel(funnelRequest(new ViewParameters(request)));
  }

  PathQuery.PathView paths(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    return paths.paths(
        new PathQuery.Request(
            q.filter(),
            q.step("touchpoint"),
            q.choice("direction", "after", "before").equals("after"),
            q.number("depth", 3, 1, 10),
            q.number("top", 10, 1, 100)));
  }

  PainPointQuery.PainPointView painPoints(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    return painPoints.painPoints(
        q.filter(), q.duration("switchWithin", Duration.ofDays(1)), q.number("top", 20, 1, 1000));
  }

  AttributionQuery.AttributionView attribution(ApiRequest request) {
    ViewParameters q = new ViewParameters(request);
    return attribution.attribution(
        q.filter(), q.step("goal"), q.duration("lookback", Duration.ofDays(30)));
  }

  private FunnelQuery.Request funnelRequest(ViewParameters q) {
    List<Step> steps = q.steps("step");
    if (steps.size() < 2 || steps.size() > MAX_STEPS) {
      throw new ApiException(
          400,
          "a funnel takes 2 to "
              + MAX_STEPS
              + " step parameters (step=cart.add&step=order.placed@web), got "
              + steps.size());
    }
    FunnelQuery.Order order =
        FunnelQuery.Order.valueOf(q.choice("order", "sequential", "strict", "any").toUpperCase());
    FunnelQuery.Breakdown breakdown = null;
    String by = q.text("breakdown");
    if (by != null) {
      if (by.equals(FunnelQuery.Breakdown.FIRST_CHANNEL)) {
        breakdown = new FunnelQuery.Breakdown(by, null);
      } else if (by.startsWith("attribute:")) {
        breakdown = new FunnelQuery.Breakdown(by, by.substring("attribute:".length()).trim());
      } else {
        throw new ApiException(
            400,
            "breakdown must be firstChannel or attribute:<name> (e.g. attribute:customer.tier), not '"
                + by
                + "'");
      }
    }
    return new FunnelQuery.Request(
        q.filter(),
        steps,
        q.duration("window", Duration.ofDays(7)),
        order,
        q.steps("exclude"),
        breakdown);
  }

  FunnelQuery.CustomersView funnelCustomers(ApiRequest apiRequest) {
    ViewParameters q = new ViewParameters(apiRequest);
    FunnelQuery.Request request = funnelRequest(q);
    int stepIndex = q.number("stepIndex", -1, 1, request.steps().size());
    if (stepIndex < 0) {
      throw new ApiException(
          400, "stepIndex is required: the step's number, 1 to " + request.steps().size());
    }
    String outcome = q.text("outcome");
    if (outcome == null || !(outcome.equals("converted") || outcome.equals("dropped"))) {
      throw new ApiException(400, "outcome must be converted or dropped, not '" + outcome + "'");
    }
    if (outcome.equals("dropped") && stepIndex == 1) {
      throw new ApiException(
          400, "no one drops before step 1: outcome=dropped takes stepIndex 2 or more");
    }
    int offset = 0;
    String cursor = q.text("cursor");
    if (cursor != null) {
      try {
        offset = OffsetCursor.offsetOf(cursor);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "cursor: " + e.getMessage());
      }
    }
    return funnels.customers(
        request,
        stepIndex,
        outcome.equals("converted"),
        q.text("group"),
        offset,
        q.number("limit", CUSTOMERS_PAGE, 1, 1000),
        profileIds);
  }
}
