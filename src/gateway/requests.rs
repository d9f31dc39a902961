//! The product-specific request shapes: reinstall, traffic and reset-password.

use serde_json::json;

use super::models::Product;
use crate::error::Error;
use crate::validate::{ImageId, Month, OsId, Password, Period};

/// What to reinstall: an image (Premium VPS) or an OS template with a root password (Budget VPS).
///
/// ```
/// use vpskit::faithserver::ReinstallRequest;
/// let premium = ReinstallRequest::image("UBUNTU_24_04_64BIT")?;
/// let budget = ReinstallRequest::os_template("1109", "PasswordKuat123!")?;
/// assert!(!format!("{budget:?}").contains("PasswordKuat123!"));
/// # let _ = premium; Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReinstallRequest {
    /// Premium VPS: `{"imageId": …}`.
    Image {
        /// An id from `list_images`.
        image_id: ImageId,
    },
    /// Budget VPS: `{"osid": …, "password": …}`.
    OsTemplate {
        /// A numeric id from `list_images`.
        os_id: OsId,
        /// The new root password.
        password: Password,
    },
}

impl ReinstallRequest {
    /// A Premium VPS reinstall by image id.
    pub fn image(image_id: impl AsRef<str>) -> Result<Self, Error> {
        Ok(ReinstallRequest::Image {
            image_id: ImageId::parse(image_id)?,
        })
    }

    /// A Budget VPS reinstall by OS template id and password.
    pub fn os_template(os_id: impl AsRef<str>, password: impl Into<String>) -> Result<Self, Error> {
        Ok(ReinstallRequest::OsTemplate {
            os_id: OsId::parse(os_id)?,
            password: Password::parse(password)?,
        })
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> serde_json::Value {
        match self {
            ReinstallRequest::Image { image_id } => json!({ "imageId": image_id.as_str() }),
            ReinstallRequest::OsTemplate { os_id, password } => {
                json!({ "osid": os_id.as_str(), "password": password.expose() })
            }
        }
    }

    /// Checks the shape against a known product: an image for Premium, an OS template for Budget.
    pub fn check_product(&self, product: &Product) -> Result<(), Error> {
        match (self, product) {
            (ReinstallRequest::OsTemplate { .. }, Product::PremiumVps) => Err(Error::validation(
                "Premium VPS Multi-region reinstalls from an image: pass an image id from list_images (imageId), not an OS id and password",
            )),
            (ReinstallRequest::Image { .. }, Product::BudgetVps) => Err(Error::validation(
                "Budget VPS reinstalls from an OS template: pass a numeric OS id from list_images (osid) and a password, not an image id",
            )),
            _ => Ok(()),
        }
    }
}

/// Which traffic to read: a period (Premium VPS, `?period=month`) or a month (Budget VPS,
/// `?month=YYYYMM`).
///
/// ```
/// use vpskit::faithserver::TrafficQuery;
/// assert!(TrafficQuery::period("month").is_ok());
/// assert!(TrafficQuery::month("202605").is_ok());
/// assert!(TrafficQuery::month("202600").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrafficQuery {
    /// Premium VPS: `period`.
    Period(Period),
    /// Budget VPS: `month`.
    Month(Month),
}

impl TrafficQuery {
    /// A period query (`month`).
    pub fn period(period: impl AsRef<str>) -> Result<Self, Error> {
        Ok(TrafficQuery::Period(Period::parse(period)?))
    }

    /// A month query (`YYYYMM`).
    pub fn month(month: impl AsRef<str>) -> Result<Self, Error> {
        Ok(TrafficQuery::Month(Month::parse(month)?))
    }

    pub(crate) fn pair(&self) -> (&'static str, String) {
        match self {
            TrafficQuery::Period(p) => ("period", p.as_str().to_string()),
            TrafficQuery::Month(m) => ("month", m.to_string()),
        }
    }

    /// Checks the shape against a known product: a period for Premium, a month for Budget.
    pub fn check_product(&self, product: &Product) -> Result<(), Error> {
        match (self, product) {
            (TrafficQuery::Month(_), Product::PremiumVps) => Err(Error::validation(
                "Premium VPS Multi-region reads traffic by period (period=\"month\"), not by month=YYYYMM",
            )),
            (TrafficQuery::Period(_), Product::BudgetVps) => Err(Error::validation(
                "Budget VPS reads traffic by month (month=\"YYYYMM\", for example \"202605\"), not by period",
            )),
            _ => Ok(()),
        }
    }
}

/// Checks a password reset against a known product: Premium generates the password itself,
/// Budget takes a custom one.
///
/// ```
/// use vpskit::faithserver::{check_reset_password, Product};
/// assert!(check_reset_password(&Product::PremiumVps, None).is_ok());
/// assert!(check_reset_password(&Product::BudgetVps, None).is_err());
/// ```
pub fn check_reset_password(product: &Product, password: Option<&Password>) -> Result<(), Error> {
    match (product, password) {
        (Product::PremiumVps, Some(_)) => Err(Error::validation(
            "Premium VPS Multi-region generates the new password itself: call reset_password without a password",
        )),
        (Product::BudgetVps, None) => Err(Error::validation(
            "Budget VPS resets to a custom password: pass the new password",
        )),
        _ => Ok(()),
    }
}
