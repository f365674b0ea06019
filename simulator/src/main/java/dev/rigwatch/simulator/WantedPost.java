package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A want-to-buy post on r/hardwareswap ({@code [USA-NY] [H] PayPal [W] RTX 3090}, flair BUYING): money offered for
 * a card. It shares the subreddit's feed with the selling posts but is no listing, so rigwatch must skip it.
 *
 * @param serial    numbered like {@link SimulatedListing#serial()}, from the same sequence
 * @param model     the card wanted
 * @param title     the post title
 * @param budget    what the buyer offers, in USD
 * @param author    the reddit account
 * @param region    the buyer's state code
 * @param createdAt when it was posted
 */
public record WantedPost(long serial, String model, String title, BigDecimal budget, String author, String region,
                         Instant createdAt) {

    /** Reddit's base-36 post id. */
    public String id() {
        return Long.toString(serial, 36);
    }
}
