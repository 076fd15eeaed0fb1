package io.perimeter.analyzer.classification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the labelled classification corpus: several thousand values, each with the data classes
 * it really carries, decided by how it was made.
 *
 * <p>Positives are built from the specifications, not from the detectors: card numbers from the
 * issuers' published IIN ranges and lengths with a Luhn check digit; IBANs from the registry's BBAN
 * layouts with ISO 7064 check digits; SSNs from the SSA's issuance rules; US phone numbers from
 * assigned area codes and the NANP exchange rules, other countries from libphonenumber's example
 * numbers (the numbering plans' metadata) with the last digits varied; JWTs signed or shaped per RFC
 * 7515/7516; provider keys per the providers' documented formats. Hard negatives are the values real
 * APIs carry next to them: order and tracking numbers, timestamps, UUIDs, digests, base64 blobs,
 * versions, prices, barcodes, IMEIs, session and CSRF values, dates that are not birth dates, and
 * invalid look-alikes (a card number with one digit changed, an IBAN with wrong check digits, SSNs in
 * the ITIN range).
 *
 * <p>Deterministic: a fixed seed and no hash-ordered iteration, so the same code always produces the
 * same file. Regenerate the checked-in copy with
 * {@code ./scripts/mvn -B -pl edge-analyzer -am -DskipITs test -Dtest=CorpusFileTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorpus.regenerate=true}.
 */
public final class CorpusGenerator {

    static final long SEED = 0x5EED_2025_0611L;

    private CorpusGenerator() {}

    public static List<LabelledSample> generate() {
        // One Random for every part, and the parts called in this exact order: the checked-in corpus depends on both.
        Random random = new Random(SEED);
        List<LabelledSample> samples = new ArrayList<>();
        ContactDataCorpus contact = new ContactDataCorpus(random, samples);
        FinancialCorpus financial = new FinancialCorpus(random, samples);
        IdentityCorpus identity = new IdentityCorpus(random, samples, contact);
        SecretCorpus secrets = new SecretCorpus(random, samples);
        HardNegativeCorpus negatives = new HardNegativeCorpus(random, samples, contact, financial, identity, secrets);
        contact.emails();
        contact.phones();
        financial.cards();
        financial.ibans();
        identity.ssns();
        contact.ipAddresses();
        secrets.jwts();
        secrets.secrets();
        secrets.passwords();
        identity.personNames();
        identity.postalAddresses();
        identity.datesOfBirth();
        negatives.freeText();
        negatives.hardCases();
        negatives.generalNegatives();
        return List.copyOf(samples);
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(LabelledCorpus.FILE, LabelledCorpus.toJsonLines(generate()), StandardCharsets.UTF_8);
    }
}
