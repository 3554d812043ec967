package io.chariot.api.asset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetKeysTest {

    @Test
    void anIdentityIsTrimmedAndLowerCased() {
        AssetKeys.Identity identity = AssetKeys.identity("  Example.COM ", "WWW.Example.com");

        assertThat(identity.dns()).isEqualTo("example.com");
        assertThat(identity.name()).isEqualTo("www.example.com");
        assertThat(identity.key()).isEqualTo("#asset#example.com#www.example.com");
    }

    @Test
    void internationalNamesArePunycoded() {
        AssetKeys.Identity identity = AssetKeys.identity("Bücher.de", "shop.BÜCHER.de");

        assertThat(identity.key()).isEqualTo("#asset#xn--bcher-kva.de#shop.xn--bcher-kva.de");
    }

    @Test
    void aGenericGroupAndIdentifierMakeTheSameKindOfKey() {
        assertThat(AssetKeys.identity("Production", "10.0.0.0/8").key()).isEqualTo("#asset#production#10.0.0.0/8");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingGroupOrIdentifierIsRejected(String missing) {
        assertThatThrownBy(() -> AssetKeys.identity(missing, "example.com"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("group is required");
        assertThatThrownBy(() -> AssetKeys.identity("example.com", missing))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("identifier is required");
    }

    @Test
    void aGroupWithAHashIsRejected() {
        assertThatThrownBy(() -> AssetKeys.identity("a#b", "example.com")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void anIdentifierStartingWithAHashIsRejected() {
        assertThatThrownBy(() -> AssetKeys.identity("example.com", "#x")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void aClientSuppliedKeyIsNormalisedLikeAComputedOne() {
        assertThat(AssetKeys.parseAssetKey(" #ASSET#Example.com#WWW.example.com ").key())
                .isEqualTo(AssetKeys.identity("example.com", "www.example.com").key());
        assertThat(AssetKeys.parseAssetKey("#asset#bücher.de#bücher.de").key())
                .isEqualTo("#asset#xn--bcher-kva.de#xn--bcher-kva.de");
    }

    @Test
    void anIdentifierMayItselfContainAHash() {
        AssetKeys.Identity identity = AssetKeys.parseAssetKey("#asset#group#a#b");

        assertThat(identity.dns()).isEqualTo("group");
        assertThat(identity.name()).isEqualTo("a#b");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"#asset#only-one", "#risk#example.com#example.com", "asset#example.com#example.com",
            "#asset##example.com", "#asset#example.com#", "#attribute#https#443#asset#a#b"})
    void badKeysAreRejected(String key) {
        assertThatThrownBy(() -> AssetKeys.parseAssetKey(key)).isInstanceOf(InvalidKeyException.class);
        assertThat(AssetKeys.isAssetKey(key)).isFalse();
    }

    @ParameterizedTest(name = "{1} is {2}")
    @CsvSource({
            "example.com, 1.2.3.4,              ipv4",
            "example.com, 2001:db8::1,          ipv6",
            "example.com, 10.0.0.0/8,           cidr",
            "example.com, 2001:db8::/32,        cidr",
            "example.com, example.com,          tld",
            "example.co.uk, example.co.uk,      tld",
            "example.com, www.example.com,      domain",
            "example.com, a.b.example.co.uk,    domain",
            "123456789012, arn:aws:iam::123456789012:role/x, aws",
            "example.com, assets.s3.amazonaws.com, s3",
    })
    void theClassIsDerivedFromTheIdentifier(String dns, String name, String assetClass) {
        assertThat(AssetKeys.classOf(AssetKeys.identity(dns, name), "self")).isEqualTo(assetClass);
    }

    @Test
    void anAccountAssetsClassIsItsGroup() {
        assertThat(AssetKeys.classOf(AssetKeys.identity("GitHub", "praetorian-inc"), "account")).isEqualTo("github");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "fd00::1",
            "10.0.0.0/8", "192.168.0.0/16"})
    void rfc1918AndOtherNonRoutableAddressesArePrivate(String name) {
        assertThat(AssetKeys.isPrivate(AssetKeys.identity("example.com", name))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "2001:db8::1", "example.com", "10.example.com", "0.0.0.0/0"})
    void publicAddressesAndNamesAreNotPrivate(String name) {
        assertThat(AssetKeys.isPrivate(AssetKeys.identity("example.com", name))).isFalse();
    }

    @Test
    void anAttributeKeyEmbedsItsParentKey() {
        assertThat(AssetKeys.attributeKey("https", "443", "#asset#example.com#example.com"))
                .isEqualTo("#attribute#https#443#asset#example.com#example.com");
    }

    @Test
    void anAttributeNameWithAHashOrAParentThatIsNotAKeyIsRejected() {
        assertThatThrownBy(() -> AssetKeys.attributeKey("a#b", "1", "#asset#a#b"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AssetKeys.attributeKey("https", "443", "asset#a#b"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AssetKeys.attributeKey("https", " ", "#asset#a#b"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void aPortKeyEmbedsItsParentKeyWithALowerCasedProtocol() {
        assertThat(AssetKeys.portKey("TCP", 80, "#asset#example.com#192.168.1.1"))
                .isEqualTo("#port#tcp#80#asset#example.com#192.168.1.1");
    }

    @ParameterizedTest
    @CsvSource({"tcp, 0", "tcp, 65536", "icmp, 80", "'', 80"})
    void aBadPortOrProtocolIsRejected(String protocol, int port) {
        assertThatThrownBy(() -> AssetKeys.portKey(protocol, port, "#asset#a#b"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void theParentOfAnAttributeOrPortIsTheAssetKeyItEndsWith() {
        assertThat(AssetKeys.parentOf("#attribute#https#443#asset#example.com#example.com"))
                .isEqualTo("#asset#example.com#example.com");
        assertThat(AssetKeys.parentOf("#port#tcp#80#asset#example.com#192.168.1.1"))
                .isEqualTo("#asset#example.com#192.168.1.1");
        assertThatThrownBy(() -> AssetKeys.parentOf("#attribute#a#b")).isInstanceOf(InvalidKeyException.class);
    }

    // --- kinds other than asset (ADR 0007) ---------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "https://App.Example.com, https://app.example.com/",
            "HTTPS://EXAMPLE.COM/Path?q=1#frag, https://example.com/Path",
            "https://example.com:443/x, https://example.com/x",
            "http://example.com:80, http://example.com/",
            "http://example.com:443/, https://example.com/",
            "https://example.com:80/, http://example.com/",
            "https://example.com:8443/a, https://example.com:8443/a",
            "http://my_app.internal:8080/, http://my_app.internal:8080/"})
    void aWebApplicationIsKeyedByItsNormalisedPrimaryUrl(String url, String normalised) {
        AssetKeys.Identity identity = AssetKeys.identity(AssetKind.WEBAPPLICATION, "My App", url);

        assertThat(identity.name()).isEqualTo(normalised);
        assertThat(identity.dns()).isEqualTo("My App");
        assertThat(identity.key()).isEqualTo("#webapplication#" + normalised);
        assertThat(AssetKeys.classOf(identity, "provided")).isEqualTo("webapplication");
        assertThat(AssetKeys.isPrivate(identity)).isFalse();
    }

    @Test
    void aWebApplicationWithoutANameIsNamedByItsUrlAndAUrlGivenAsGroupIsSwappedIn() {
        assertThat(AssetKeys.identity(AssetKind.WEBAPPLICATION, " ", "https://example.com").dns())
                .isEqualTo("https://example.com/");
        AssetKeys.Identity swapped = AssetKeys.identity(AssetKind.WEBAPPLICATION, "https://example.com",
                "Example Web Application");
        assertThat(swapped.key()).isEqualTo("#webapplication#https://example.com/");
        assertThat(swapped.dns()).isEqualTo("Example Web Application");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "ftp://example.com/", "https:///path", "https://exa mple.com/"})
    void aWebApplicationNeedsAnHttpUrlWithAHost(String url) {
        assertThatThrownBy(() -> AssetKeys.identity(AssetKind.WEBAPPLICATION, "app", url))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void anAdDomainIsKeyedByItsLowerCasedDomainAndUpperCasedObjectId() {
        AssetKeys.Identity identity = AssetKeys.identity(AssetKind.ADDOMAIN, "Corp.Local", "s-1-5-21-1-2-3");

        assertThat(identity.key()).isEqualTo("#addomain#corp.local#S-1-5-21-1-2-3");
        assertThat(AssetKeys.classOf(identity, "provided")).isEqualTo("domain");
        assertThat(AssetKeys.isPrivate(identity)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"corp.local, not-a-sid", "corp#local, S-1-5-21-1", "' ', S-1-5-21-1", "corp.local, ' '"})
    void anAdDomainNeedsADomainAndASidOrGuid(String domain, String objectId) {
        assertThatThrownBy(() -> AssetKeys.identity(AssetKind.ADDOMAIN, domain, objectId))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void keysOfEveryKindParseBackToTheirNormalisedForm() {
        assertThat(AssetKeys.normalisedKey("#asset#Example.com#WWW.example.com"))
                .isEqualTo("#asset#example.com#www.example.com");
        assertThat(AssetKeys.normalisedKey("#webapplication#HTTPS://App.example.com:443"))
                .isEqualTo("#webapplication#https://app.example.com/");
        assertThat(AssetKeys.normalisedKey("#ADDOMAIN#Corp.local#s-1-5-21-9"))
                .isEqualTo("#addomain#corp.local#S-1-5-21-9");
        assertThatThrownBy(() -> AssetKeys.normalisedKey("#addomain#corp.local"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AssetKeys.normalisedKey("#risk#corp.local#x"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void theParentOfAChildKeyMayBeOfAnyKind() {
        assertThat(AssetKeys.parentOf("#attribute#id#1#webapplication#https://app.example.com/"))
                .isEqualTo("#webapplication#https://app.example.com/");
        assertThat(AssetKeys.parentOf("#attribute#sid#S-1#addomain#corp.local#S-1"))
                .isEqualTo("#addomain#corp.local#S-1");
    }

    @Test
    void aClientNamesAKindByItsTypeAndAKeyByItsSecondSegment() {
        assertThat(AssetKind.fromType(null)).contains(AssetKind.ASSET);
        assertThat(AssetKind.fromType("WebApplication")).contains(AssetKind.WEBAPPLICATION);
        assertThat(AssetKind.fromType("repository")).isEmpty();
        assertThat(AssetKind.ofKey("#addomain#x#S-1")).contains(AssetKind.ADDOMAIN);
        assertThat(AssetKind.ofKey("#webpage#https://x/")).isEmpty();
    }
}
