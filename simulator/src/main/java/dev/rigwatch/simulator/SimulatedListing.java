package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One listing of the simulated used-GPU market ({@link ListingMarket}): the truth the eBay and r/hardwareswap APIs
 * serve, for tests and the demo to compare with what rigwatch made of it.
 *
 * @param serial      the market's number of the listing: creation minute × 1000 + rank within the minute, so
 *                    numbers grow with creation time; both venues' ids are made from it
 * @param venue       where it is listed
 * @param model       the catalogue model of the card the seller names (for junk too: the card the box or laptop
 *                    belongs to)
 * @param kind        a card for sale, or junk that rigwatch must reject
 * @param title       eBay: the item title; hardwareswap: the whole post title, {@code [USA-CA] [H] ... [W] ...}
 * @param currency    ISO 4217 code of every price and of the shipping cost
 * @param askingPrice the price when listed; for an auction, the winning bid at its end
 * @param cut         the one price cut, or null when the price never changes
 * @param auction     the auction's terms, or null for a fixed price
 * @param shipping    the shipping cost, or null where the price includes it (hardwareswap posts say "shipped")
 * @param seller      the seller's eBay user name or reddit account
 * @param country     ISO 3166 code of where the card is
 * @param region      eBay: the masked postal code ({@code 945**}); hardwareswap: the state code ({@code CA})
 * @param createdAt   when it was listed
 * @param soldAt      when it leaves the market, sold or withdrawn (the market does not tell the two apart)
 */
public record SimulatedListing(
        long serial,
        Venue venue,
        String model,
        Kind kind,
        String title,
        String currency,
        BigDecimal askingPrice,
        PriceCut cut,
        Auction auction,
        BigDecimal shipping,
        String seller,
        String country,
        String region,
        Instant createdAt,
        Instant soldAt) {

    /** eBay's legacy item ids have 12 digits: this plus a serial does until 2160, when serials reach 10^11. */
    static final long EBAY_ITEM_ID_OFFSET = 100_000_000_000L;

    /** Where a listing lives. */
    public enum Venue {
        EBAY("ebay"),
        HARDWARESWAP("hardwareswap");

        private final String id;

        Venue(String id) {
            this.id = id;
        }

        /** The source id rigwatch uses in events: {@code ebay}, {@code hardwareswap}. */
        public String id() {
            return id;
        }
    }

    /**
     * A working card for sale, or one of the kinds of junk that share a card's words in their title. Each junk kind
     * names the reject reason rigwatch's title rules give it.
     */
    public enum Kind {
        CARD(null),
        FOR_PARTS("for-parts"),
        BOX_ONLY("box-only"),
        LAPTOP("laptop"),
        BUNDLE("lot");

        private final String rejectReason;

        Kind(String rejectReason) {
            this.rejectReason = rejectReason;
        }

        /** The reason rigwatch's title classifier should reject a listing of this kind with; null for a card. */
        public String rejectReason() {
            return rejectReason;
        }
    }

    /** The seller lowered the price once, at {@code at}, to {@code price}. */
    public record PriceCut(Instant at, BigDecimal price) {
    }

    /**
     * An auction: the bid starts at {@code startingBid} and climbs, slowly at first, to the listing's asking price
     * at its end ({@link SimulatedListing#soldAt()}), over {@code finalBidCount} bids.
     */
    public record Auction(BigDecimal startingBid, int finalBidCount) {
    }

    public SimulatedListing {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(askingPrice, "askingPrice");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(soldAt, "soldAt");
        if (!soldAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("listing " + serial + " must be sold after it is created: " + createdAt
                    + " to " + soldAt);
        }
        if (cut != null && auction != null) {
            throw new IllegalArgumentException("listing " + serial + ": an auction's price is its bid, never cut");
        }
    }

    /** The venue's id: eBay's {@code v1|<legacy id>|0}, reddit's base-36 post id. */
    public String id() {
        return venue == Venue.EBAY ? "v1|" + legacyItemId() + "|0" : Long.toString(serial, 36);
    }

    /** eBay's 12-digit item number, as in {@code https://www.ebay.com/itm/<number>}. */
    public String legacyItemId() {
        return Long.toString(EBAY_ITEM_ID_OFFSET + serial);
    }

    public boolean genuine() {
        return kind == Kind.CARD;
    }

    /** Listed at or before {@code at} and not yet sold. */
    public boolean openAt(Instant at) {
        return !createdAt.isAfter(at) && soldAt.isAfter(at);
    }

    /** How long it is on the market. */
    public Duration lifetime() {
        return Duration.between(createdAt, soldAt);
    }

    /** The price shown at {@code at}: the asking price, the cut price once cut, an auction's current bid. */
    public BigDecimal priceAt(Instant at) {
        if (auction != null) {
            BigDecimal climb = askingPrice.subtract(auction.startingBid());
            double share = progress(at) * progress(at);
            return auction.startingBid().add(climb.multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.FLOOR));
        }
        return cut != null && !at.isBefore(cut.at()) ? cut.price() : askingPrice;
    }

    /** An auction's bids so far: none at first, {@link Auction#finalBidCount()} at its end; 0 for a fixed price. */
    public int bidCountAt(Instant at) {
        return auction == null ? 0 : (int) Math.ceil(auction.finalBidCount() * progress(at));
    }

    /** The share of its life that has passed at {@code at}, from 0 to 1. */
    private double progress(Instant at) {
        double share = (double) Duration.between(createdAt, at).toMillis() / lifetime().toMillis();
        return Math.max(0, Math.min(1, share));
    }
}
